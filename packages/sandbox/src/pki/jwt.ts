import '../internal/reflect-polyfill.js';
import { X509Certificate } from '@peculiar/x509';
import { base64ToBytes } from '@smartca-kit/sdk/core';
import { b64url, unb64 } from './encoding.js';
import { importPrivateKey, RSA_ALGORITHM } from './keys.js';

/**
 * RS256 JSON Web Tokens signed by the issuing CA's key: the gateway's access tokens and TH's `sad` are
 * JWTs at VNPT, so they are real ones here too. The sandbox also keeps every token it issued, so a
 * token is only accepted if it verifies *and* is on record.
 */
export async function signJwt(keyPkcs8: string, claims: Record<string, unknown>): Promise<string> {
  const header = encode({ alg: 'RS256', typ: 'JWT' });
  const payload = encode(claims);
  const key = await importPrivateKey(keyPkcs8);
  const signature = await globalThis.crypto.subtle.sign(
    RSA_ALGORITHM.name,
    key,
    new TextEncoder().encode(`${header}.${payload}`),
  );
  return `${header}.${payload}.${b64url(new Uint8Array(signature))}`;
}

const verifyKeys = new Map<string, Promise<CryptoKey>>();

/** Verifies an RS256 JWT against the issuing certificate's public key and returns its claims. */
export async function verifyJwt(certDer: string, token: string): Promise<Record<string, unknown> | undefined> {
  const [header, payload, signature] = token.split('.');
  if (!header || !payload || !signature) return undefined;
  let key = verifyKeys.get(certDer);
  if (!key) {
    key = new X509Certificate(unb64(certDer)).publicKey.export({ name: RSA_ALGORITHM.name, hash: 'SHA-256' }, [
      'verify',
    ]);
    verifyKeys.set(certDer, key);
  }
  const sig = base64ToBytes(signature);
  if (!sig) return undefined;
  const ok = await globalThis.crypto.subtle.verify(
    RSA_ALGORITHM.name,
    await key,
    new Uint8Array(sig),
    new TextEncoder().encode(`${header}.${payload}`),
  );
  if (!ok) return undefined;
  try {
    return JSON.parse(new TextDecoder().decode(base64ToBytes(payload))) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

function encode(value: unknown): string {
  return b64url(new TextEncoder().encode(JSON.stringify(value)));
}
