// EU DSS, the European Commission's reference validator, through the small command line in
// test/validators/dss (built by .ci/run with Maven). One JVM validates every file of a call.
import { execFile, spawnSync } from 'node:child_process';
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
  /** The earliest time the signature is proven to exist: a trusted timestamp's, else the validation time. */
  bestSignatureTime?: string | null;
  errors: string[];
  warnings: string[];
  timestamps: Array<{
    indication: string | null;
    subIndication: string | null;
    productionTime: string | null;
    type: string | null;
  }>;
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
export function dssValidate(files: string[], options: DssOptions): DssReport[] {
  const args = dssArgs(files, { ...options, online: false });
  const result = spawnSync('java', args, { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
  if (result.error) throw new Error(`java could not run (OpenJDK 17, see .ci/run): ${result.error.message}`);
  if (result.status !== 0) throw new Error(`DSS failed: ${result.stderr}`);
  return result.stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as DssReport);
}

/** Options of {@link dssValidate}. */
export interface DssOptions {
  trust: string[];
  time?: Date;
  content?: string;
  /** Let DSS follow the certificates' OCSP, CRL and AIA URLs (only a test's own loopback sandbox's). */
  online?: boolean;
}

function dssArgs(files: string[], options: DssOptions): string[] {
  if (!existsSync(`${HOME}target/dss-validate.jar`)) {
    throw new Error('the DSS validator is not built: mvn -q -f test/validators/dss/pom.xml package (.ci/run does it)');
  }
  return [
    '-cp',
    CLASSPATH,
    'kit.validators.DssValidate',
    ...options.trust.flatMap((t) => ['--trust', t]),
    ...(options.time ? ['--time', options.time.toISOString()] : []),
    ...(options.content ? ['--content', options.content] : []),
    ...(options.online ? ['--online'] : []),
    ...files,
  ];
}

/**
 * {@link dssValidate} with `online` fetching, run asynchronously: the OCSP responder and CRLs DSS
 * fetches are a sandbox in this very process, which a blocking spawn would keep from answering.
 */
export function dssValidateOnline(files: string[], options: Omit<DssOptions, 'online'>): Promise<DssReport[]> {
  const args = dssArgs(files, { ...options, online: true });
  return new Promise((resolve, reject) => {
    execFile('java', args, { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) return reject(new Error(`DSS failed: ${error.message}\n${stderr}`));
      resolve(
        stdout
          .trim()
          .split('\n')
          .map((line) => JSON.parse(line) as DssReport),
      );
    });
  });
}
