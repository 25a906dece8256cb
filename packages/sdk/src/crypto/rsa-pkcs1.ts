import { base64ToBytes, bigIntToBytes, bytesToBigInt, constantTimeEqual, toArrayBuffer } from '../internal/bytes.js';

// DER of DigestInfo { AlgorithmIdentifier { sha256, NULL }, OCTET STRING (32 bytes) }, without the digest.
// RFC 8017 §9.2, note 1.
const SHA256_DIGEST_INFO_PREFIX = new Uint8Array([
  0x30, 0x31, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01, 0x05, 0x00, 0x04, 0x20,
]);

/** An RSA public key as the two integers the verification needs. */
export interface RsaPublicNumbers {
  modulus: bigint;
  exponent: bigint;
  /** Modulus length in bytes (k in RFC 8017). */
  size: number;
}

/**
 * Reads the modulus and exponent of an RSA SubjectPublicKeyInfo through WebCrypto. Throws when the
 * key is not RSA.
 */
export async function rsaPublicNumbers(spki: Uint8Array): Promise<RsaPublicNumbers> {
  const key = await globalThis.crypto.subtle.importKey(
    'spki',
    toArrayBuffer(spki),
    { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' },
    true,
    ['verify'],
  );
  const jwk = await globalThis.crypto.subtle.exportKey('jwk', key);
  const n = base64ToBytes(jwk.n ?? '');
  const e = base64ToBytes(jwk.e ?? '');
  if (!n || !e) throw new Error('The key is not an RSA public key');
  // A leading zero byte would otherwise overstate k.
  let start = 0;
  while (start < n.length - 1 && n[start] === 0) start++;
  return { modulus: bytesToBigInt(n.subarray(start)), exponent: bytesToBigInt(e), size: n.length - start };
}

/** EMSA-PKCS1-v1_5 encoding of a SHA-256 digest into `size` bytes (RFC 8017 §9.2). */
export function encodeSha256DigestInfo(digest: Uint8Array, size: number): Uint8Array {
  const tLen = SHA256_DIGEST_INFO_PREFIX.length + digest.length;
  if (size < tLen + 11) throw new RangeError('RSA modulus too short for a SHA-256 DigestInfo');
  const em = new Uint8Array(size).fill(0xff);
  em[0] = 0x00;
  em[1] = 0x01;
  em[size - tLen - 1] = 0x00;
  em.set(SHA256_DIGEST_INFO_PREFIX, size - tLen);
  em.set(digest, size - digest.length);
  return em;
}

/**
 * Verifies an RSASSA-PKCS1-v1_5 signature over a SHA-256 digest that was hashed elsewhere.
 *
 * WebCrypto's `verify` always hashes the message itself, and SmartCA signs a digest whose pre-image the
 * SDK may never see (the DER SignedAttributes of a CMS), so the public-key step runs here: s^e mod n,
 * then a constant-time comparison with the expected encoding (RFC 8017 §8.2.2).
 */
export function verifyDigestSignature(key: RsaPublicNumbers, digest: Uint8Array, signature: Uint8Array): boolean {
  if (digest.length !== 32 || signature.length !== key.size) return false;
  const s = bytesToBigInt(signature);
  if (s >= key.modulus) return false;
  const m = modPow(s, key.exponent, key.modulus);
  return constantTimeEqual(bigIntToBytes(m, key.size), encodeSha256DigestInfo(digest, key.size));
}

function modPow(base: bigint, exponent: bigint, modulus: bigint): bigint {
  let result = 1n;
  let b = base % modulus;
  let e = exponent;
  while (e > 0n) {
    if (e & 1n) result = (result * b) % modulus;
    b = (b * b) % modulus;
    e >>= 1n;
  }
  return result;
}
