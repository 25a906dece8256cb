// A throwaway PKI made by openssl itself (genpkey, req, x509) in a temp dir: an RSA root and leaves of
// any key type it issues, so CMS vectors come from the outside oracle rather than from our own code.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { run, tempDir, writeTemp } from './validators.js';

/** A leaf certificate and its key, as files (for openssl) and DER (for verifyCms). */
export interface OpensslLeaf {
  keyPath: string;
  certPath: string;
  certDer: Uint8Array;
}

export interface OpensslPki {
  dir: string;
  rootPath: string;
  rootPem: string;
  /** A leaf signed by the root with `genpkey` options such as `['-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-384']`. */
  leaf(name: string, keyOptions: string[]): OpensslLeaf;
}

function must(command: string, args: string[]): string {
  const result = run(command, args);
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed: ${result.output}`);
  return result.output;
}

const LEAF_EXTENSIONS = [
  'basicConstraints=CA:FALSE',
  'keyUsage=critical,digitalSignature,nonRepudiation',
  'subjectKeyIdentifier=hash',
  'authorityKeyIdentifier=keyid',
].join('\n');

export function opensslPki(): OpensslPki {
  const dir = tempDir('smartca-openssl-pki-');
  const rootKey = join(dir, 'root.key');
  const rootPath = join(dir, 'root.pem');
  must('openssl', ['genpkey', '-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048', '-out', rootKey]);
  must('openssl', [
    'req',
    '-x509',
    '-new',
    '-key',
    rootKey,
    '-subj',
    '/C=VN/O=openssl oracle/CN=Oracle Root',
    '-days',
    '3650',
    '-addext',
    'basicConstraints=critical,CA:TRUE',
    '-addext',
    'keyUsage=critical,keyCertSign,cRLSign',
    '-out',
    rootPath,
  ]);
  const extensions = writeTemp(dir, 'leaf.ext', LEAF_EXTENSIONS);
  return {
    dir,
    rootPath,
    rootPem: readFileSync(rootPath, 'utf8'),
    leaf(name, keyOptions) {
      const keyPath = join(dir, `${name}.key`);
      const csr = join(dir, `${name}.csr`);
      const certPath = join(dir, `${name}.pem`);
      must('openssl', ['genpkey', ...keyOptions, '-out', keyPath]);
      must('openssl', ['req', '-new', '-key', keyPath, '-subj', `/C=VN/CN=Người ký ${name}`, '-utf8', '-out', csr]);
      must('openssl', [
        'x509',
        '-req',
        '-in',
        csr,
        '-CA',
        rootPath,
        '-CAkey',
        rootKey,
        '-CAcreateserial',
        '-days',
        '3650',
        '-extfile',
        extensions,
        '-out',
        certPath,
      ]);
      const der = join(dir, `${name}.der`);
      must('openssl', ['x509', '-in', certPath, '-outform', 'DER', '-out', der]);
      return { keyPath, certPath, certDer: new Uint8Array(readFileSync(der)) };
    },
  };
}

/** `openssl cms -sign` of `contentPath` with `leaf`, DER out; `extra` adds -noattr, -keyid, -md, -stream… */
export function opensslCmsSign(leaf: OpensslLeaf, contentPath: string, outPath: string, extra: string[]): Uint8Array {
  must('openssl', [
    'cms',
    '-sign',
    '-binary',
    '-in',
    contentPath,
    '-signer',
    leaf.certPath,
    '-inkey',
    leaf.keyPath,
    '-outform',
    'DER',
    '-out',
    outPath,
    ...extra,
  ]);
  return new Uint8Array(readFileSync(outPath));
}

/** `openssl cms -verify`, trusting `rootPath`; detached when `contentPath` is given; `extra` e.g. `-certfile`. */
export function opensslCmsCheck(
  signaturePath: string,
  contentPath: string | undefined,
  rootPath: string,
  extra: string[] = [],
): { ok: boolean; output: string } {
  const { status, output } = run('openssl', [
    'cms',
    '-verify',
    '-binary',
    '-inform',
    'DER',
    '-in',
    signaturePath,
    ...(contentPath ? ['-content', contentPath] : []),
    '-CAfile',
    rootPath,
    '-purpose',
    'any',
    '-out',
    '/dev/null',
    ...extra,
  ]);
  return { ok: status === 0 && output.includes('Verification successful'), output };
}
