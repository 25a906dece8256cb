// EU DSS, the European Commission's reference validator, through the small command line in
// test/validators/dss (built by .ci/run with Maven). One JVM validates every file of a call.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const HOME = fileURLToPath(new URL('../validators/dss/', import.meta.url));
const CLASSPATH = `${HOME}target/dss-validate.jar:${HOME}target/lib/*`;

/** One signature as DSS's simple report sees it. */
export interface DssSignature {
  indication: 'TOTAL_PASSED' | 'INDETERMINATE' | 'TOTAL_FAILED' | null;
  subIndication: string | null;
  /** The level DSS detects, e.g. `PAdES-BASELINE-B`, `CAdES-BASELINE-T`, `XAdES-BASELINE-LTA`. */
  format: string | null;
  signedBy: string | null;
  signingTime: string | null;
  errors: string[];
  warnings: string[];
  timestamps: Array<{ indication: string | null; subIndication: string | null; productionTime: string | null; type: string | null }>;
}

/** DSS's report on one file. */
export interface DssReport {
  file: string;
  validationTime?: string;
  signatures: DssSignature[];
  error?: string;
}

/**
 * Validates `files` offline (no AIA, OCSP or CRL fetching) against the PEM trust anchors in `trust`,
 * optionally at `time` and with detached `content` (for a `.p7s`).
 */
export function dssValidate(files: string[], options: { trust: string[]; time?: Date; content?: string }): DssReport[] {
  if (!existsSync(`${HOME}target/dss-validate.jar`)) {
    throw new Error('the DSS validator is not built: mvn -q -f test/validators/dss/pom.xml package (.ci/run does it)');
  }
  const args = ['-cp', CLASSPATH, 'kit.validators.DssValidate', ...options.trust.flatMap((t) => ['--trust', t]),
    ...(options.time ? ['--time', options.time.toISOString()] : []), ...(options.content ? ['--content', options.content] : []), ...files];
  const result = spawnSync('java', args, { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
  if (result.error) throw new Error(`java could not run (OpenJDK 17, see .ci/run): ${result.error.message}`);
  if (result.status !== 0) throw new Error(`DSS failed: ${result.stderr}`);
  return result.stdout.trim().split('\n').map((line) => JSON.parse(line) as DssReport);
}
