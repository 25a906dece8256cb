import { b64, unb64 } from './encoding.js';

/** The one key algorithm SmartCA uses: RSA 2048 with PKCS#1 v1.5 and SHA-256. */
export const RSA_ALGORITHM = {
  name: 'RSASSA-PKCS1-v1_5',
  modulusLength: 2048,
  publicExponent: new Uint8Array([1, 0, 1]),
  hash: 'SHA-256',
} as const;

/** A freshly generated, extractable RSA-2048 key pair. */
export function generateRsaKeyPair(): Promise<CryptoKeyPair> {
  return globalThis.crypto.subtle.generateKey(RSA_ALGORITHM, true, ['sign', 'verify']);
}

/** The private key as base64 PKCS#8, for the state file. */
export async function exportPrivateKey(key: CryptoKey): Promise<string> {
  return b64(await globalThis.crypto.subtle.exportKey('pkcs8', key));
}

/** A private key back from base64 PKCS#8. */
export function importPrivateKey(pkcs8: string): Promise<CryptoKey> {
  return globalThis.crypto.subtle.importKey(
    'pkcs8',
    unb64(pkcs8),
    { name: RSA_ALGORITHM.name, hash: 'SHA-256' },
    true,
    ['sign'],
  );
}

/** The public half of a stored private key (RSA's JWK carries `n` and `e`), for re-certifying that key. */
export async function publicKeyOf(pkcs8: string): Promise<CryptoKey> {
  const jwk = await globalThis.crypto.subtle.exportKey('jwk', await importPrivateKey(pkcs8));
  return globalThis.crypto.subtle.importKey(
    'jwk',
    { kty: 'RSA', n: jwk.n, e: jwk.e, alg: 'RS256', ext: true },
    { name: RSA_ALGORITHM.name, hash: 'SHA-256' },
    true,
    ['verify'],
  );
}
