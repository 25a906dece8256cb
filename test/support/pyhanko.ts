// pyHanko's validator, through test/validators/pyhanko/validate.py in the virtual environment .ci/run
// makes (pip install -r requirements.txt). One Python process validates every file of a call.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const HOME = fileURLToPath(new URL('../validators/pyhanko/', import.meta.url));
const PYTHON = `${HOME}.venv/bin/python`;

/** One signature or document timestamp as pyHanko judges it. */
export interface PyHankoSignature {
  field: string;
  kind: 'signature' | 'timestamp';
  intact: boolean;
  valid: boolean;
  trusted: boolean;
  revoked: boolean | null;
  coverage: string | null;
  modification: string | null;
  docmdpOk: boolean | null;
  bottomLine: boolean;
  signingTime: string | null;
  timestamp: { intact: boolean; valid: boolean; trusted: boolean; time: string } | null;
  /**
   * With `ltv: true`: the verdict with only the document's /DSS as evidence and revocation checks
   * required (hard-fail, no fetching): `bottomLine` true means pyHanko calls it LTV-enabled.
   */
  ltv?: {
    dss: boolean;
    intact?: boolean;
    valid?: boolean;
    trusted?: boolean;
    revoked?: boolean | null;
    bottomLine: boolean;
    error?: string;
  };
}

/** pyHanko's report on one file. */
export interface PyHankoReport {
  file: string;
  signatures: PyHankoSignature[];
  error?: string;
}

/**
 * Validates `files` offline against the PEM trust anchors in `trust`, optionally at the moment `at`;
 * `ltv` adds each signature's long-term validation verdict.
 */
export function pyhankoValidate(
  files: string[],
  options: { trust: string[]; at?: Date; ltv?: boolean },
): PyHankoReport[] {
  if (!existsSync(PYTHON)) {
    throw new Error(
      'pyHanko is not installed: python3 -m venv test/validators/pyhanko/.venv && ' +
        'test/validators/pyhanko/.venv/bin/pip install -r test/validators/pyhanko/requirements.txt (.ci/run does it)',
    );
  }
  const args = [
    `${HOME}validate.py`,
    ...options.trust.flatMap((t) => ['--trust', t]),
    ...(options.at ? ['--at', options.at.toISOString()] : []),
    ...(options.ltv ? ['--ltv'] : []),
    ...files,
  ];
  const result = spawnSync(PYTHON, args, { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
  if (result.status !== 0) throw new Error(`pyHanko failed: ${result.stderr}`);
  return result.stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as PyHankoReport);
}
