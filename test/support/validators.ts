// The external validators every signed output must pass: poppler's pdfsig, openssl cms, xmlsec1.
import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function run(command: string, args: string[]): { status: number; output: string } {
  const result = spawnSync(command, args, { encoding: 'utf8' });
  if (result.error)
    throw new Error(`${command} could not run (is its Debian package installed? see .ci/run): ${result.error.message}`);
  return { status: result.status ?? -1, output: `${result.stdout}${result.stderr}` };
}

export function tempDir(prefix = 'smartca-doc-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** A scratch directory; `file()` writes into it and returns the path. */
export function scratch(prefix: string): { dir: string; file(name: string, content: string | Uint8Array): string } {
  const dir = tempDir(prefix);
  return { dir, file: (name, content) => writeTemp(dir, name, content) };
}

/** xmlsec1 (the XML signature validator); `ok` is exit code 0. */
export function xmlsec1(args: string[]): { ok: boolean; status: number; output: string } {
  const { status, output } = run('xmlsec1', args);
  return { ok: status === 0, status, output };
}

/** The XAdES SignedProperties and e-invoice data elements are referenced by an `Id` xmlsec1 must know. */
export const XADES_ID_ATTR = ['--id-attr:Id', 'http://uri.etsi.org/01903/v1.3.2#:SignedProperties'];

/** A DER certificate as PEM. */
export function pem(der: Uint8Array): string {
  const body = Buffer.from(der)
    .toString('base64')
    .replace(/(.{64})/g, '$1\n')
    .replace(/\n$/, '');
  return `-----BEGIN CERTIFICATE-----\n${body}\n-----END CERTIFICATE-----\n`;
}

export function writeTemp(dir: string, name: string, bytes: Uint8Array | string): string {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}

/** An NSS database trusting `rootPem`, so pdfsig can say "Certificate is Trusted." */
export function nssTrusting(rootPem: string): string {
  const dir = tempDir('smartca-nss-');
  run('certutil', ['-N', '-d', `sql:${dir}`, '--empty-password']);
  writeFileSync(join(dir, 'root.pem'), rootPem);
  const added = run('certutil', ['-A', '-d', `sql:${dir}`, '-n', 'root', '-t', 'C,C,C', '-i', join(dir, 'root.pem')]);
  if (added.status !== 0) throw new Error(`certutil failed: ${added.output}`);
  return dir;
}

/**
 * pdfsig's verdict per signature. Its exit code stays 0 on a digest mismatch, so the text decides:
 * each signature must say "Signature Validation: Signature is Valid.".
 *
 * Asynchronous on purpose: the sandbox's certificates carry an OCSP URL, and poppler checks it (no
 * -no-ocsp: with it poppler 22 reports "Unknown issue with Certificate" even for a trusted chain),
 * so a trusted verdict needs the sandbox, often in this very process, free to answer while pdfsig runs.
 */
export function pdfsig(
  path: string,
  nssDir?: string,
): Promise<{ signatures: number; valid: number; trusted: number; output: string }> {
  const args = nssDir ? ['-nssdir', `sql:${nssDir}`, path] : [path];
  return new Promise((resolve, reject) => {
    execFile('pdfsig', args, { encoding: 'utf8' }, (error, stdout, stderr) => {
      if (error && (error as NodeJS.ErrnoException).code === 'ENOENT') {
        return reject(new Error(`pdfsig could not run (is poppler-utils installed? see .ci/run): ${error.message}`));
      }
      const output = `${stdout}${stderr}`;
      resolve({
        signatures: (output.match(/^Signature #\d+:/gm) ?? []).length,
        valid: (output.match(/Signature Validation: Signature is Valid\./g) ?? []).length,
        trusted: (output.match(/Certificate Validation: Certificate is Trusted\./g) ?? []).length,
        output,
      });
    });
  });
}

/** `openssl cms -verify` of a detached DER signature against its content, trusting `rootPem`. */
export function opensslCmsVerify(
  signaturePath: string,
  contentPath: string,
  rootPemPath: string,
): { ok: boolean; output: string } {
  const { status, output } = run('openssl', [
    'cms',
    '-verify',
    '-binary',
    '-inform',
    'DER',
    '-in',
    signaturePath,
    '-content',
    contentPath,
    '-CAfile',
    rootPemPath,
    '-purpose',
    'any',
    '-out',
    '/dev/null',
  ]);
  return { ok: status === 0 && output.includes('Verification successful'), output };
}
