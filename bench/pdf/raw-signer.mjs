// What SmartCA does with a digest: RSA PKCS#1 v1.5 over DigestInfo(SHA-256, digest). Both sides of the
// benchmark sign through this, so only the PDF handling differs.
import { constants, privateEncrypt } from 'node:crypto';
import { readFileSync } from 'node:fs';

const PREFIX = Buffer.from('3031300d060960864801650304020105000420', 'hex');

export function loadSigner(dir) {
  const key = readFileSync(`${dir}/key.pem`, 'utf8');
  const der = new Uint8Array(readFileSync(`${dir}/cert.der`));
  return {
    certificate: { der, chain: [] },
    signDigest: (digest) =>
      new Uint8Array(privateEncrypt({ key, padding: constants.RSA_PKCS1_PADDING }, Buffer.concat([PREFIX, digest]))),
  };
}
