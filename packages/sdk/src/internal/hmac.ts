// HMAC-SHA256 over WebCrypto, for the relay's session tokens and transaction ids and for commerce
// webhook signatures. Keys are imported once per secret.
import { toArrayBuffer } from './bytes.js';

const keys = new Map<string, Promise<CryptoKey>>();

function hmacKey(secret: string): Promise<CryptoKey> {
  let key = keys.get(secret);
  if (!key) {
    key = globalThis.crypto.subtle.importKey(
      'raw',
      new TextEncoder().encode(secret),
      { name: 'HMAC', hash: 'SHA-256' },
      false,
      ['sign', 'verify'],
    );
    keys.set(secret, key);
  }
  return key;
}

const bytesOf = (data: Uint8Array | string): ArrayBuffer =>
  toArrayBuffer(typeof data === 'string' ? new TextEncoder().encode(data) : data);

/** HMAC-SHA256 of `data` (text is UTF-8 encoded) under `secret`. */
export async function hmacSha256(secret: string, data: Uint8Array | string): Promise<Uint8Array> {
  return new Uint8Array(await globalThis.crypto.subtle.sign('HMAC', await hmacKey(secret), bytesOf(data)));
}

/** Checks a MAC in constant time (WebCrypto's verify). */
export async function verifyHmacSha256(secret: string, data: Uint8Array | string, mac: Uint8Array): Promise<boolean> {
  return globalThis.crypto.subtle.verify('HMAC', await hmacKey(secret), toArrayBuffer(mac), bytesOf(data));
}
