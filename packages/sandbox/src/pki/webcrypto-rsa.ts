import { base64ToBytes, bytesToHex, hexToBytes } from '@smartca-kit/sdk/core';
import { importPrivateKey } from './keys.js';

/** The private numbers RSASP1 needs with the Chinese remainder theorem (RFC 8017 §5.1.2, case 2). */
interface RsaPrivateNumbers {
  size: number;
  p: bigint;
  q: bigint;
  dp: bigint;
  dq: bigint;
  qInv: bigint;
}

const numbers = new Map<string, Promise<RsaPrivateNumbers>>();

/**
 * Signs a DER DigestInfo with RSASSA-PKCS1-v1_5 where `node:crypto` is missing (the sandbox running
 * in a browser, inside msw). WebCrypto only signs messages it hashes itself, so the key is exported
 * as JWK and RSASP1 runs on BigInt: EMSA-PKCS1-v1_5 padding (RFC 8017 §9.2), then s = m^d mod n by
 * CRT. Not constant-time, which is fine for a sandbox's throwaway keys and nothing else.
 */
export async function signDigestInfoWithWebCrypto(keyPkcs8: string, digestInfo: Uint8Array): Promise<Uint8Array> {
  let key = numbers.get(keyPkcs8);
  if (!key) {
    key = privateNumbers(keyPkcs8);
    numbers.set(keyPkcs8, key);
  }
  const { size, p, q, dp, dq, qInv } = await key;
  const block = new Uint8Array(size).fill(0xff);
  block[0] = 0x00;
  block[1] = 0x01;
  block[size - digestInfo.length - 1] = 0x00;
  block.set(digestInfo, size - digestInfo.length);
  const m = toBigInt(block);
  const s1 = modPow(m % p, dp, p);
  const s2 = modPow(m % q, dq, q);
  const h = (qInv * ((s1 - s2 + p) % p)) % p;
  return toBytes(s2 + h * q, size);
}

async function privateNumbers(keyPkcs8: string): Promise<RsaPrivateNumbers> {
  const jwk = await globalThis.crypto.subtle.exportKey('jwk', await importPrivateKey(keyPkcs8));
  const field = (name: 'n' | 'p' | 'q' | 'dp' | 'dq' | 'qi'): Uint8Array => {
    const bytes = base64ToBytes(jwk[name] ?? '');
    if (!bytes || bytes.length === 0) throw new Error(`corrupt sandbox key: no ${name}`);
    return bytes;
  };
  const n = field('n');
  return {
    size: n[0] === 0 ? n.length - 1 : n.length,
    p: toBigInt(field('p')),
    q: toBigInt(field('q')),
    dp: toBigInt(field('dp')),
    dq: toBigInt(field('dq')),
    qInv: toBigInt(field('qi')),
  };
}

function modPow(base: bigint, exponent: bigint, modulus: bigint): bigint {
  let result = 1n;
  for (let b = base, e = exponent; e > 0n; e >>= 1n, b = (b * b) % modulus) {
    if (e & 1n) result = (result * b) % modulus;
  }
  return result;
}

function toBigInt(bytes: Uint8Array): bigint {
  return BigInt(`0x${bytesToHex(bytes) || '0'}`);
}

function toBytes(value: bigint, size: number): Uint8Array {
  return hexToBytes(value.toString(16).padStart(size * 2, '0')) ?? new Uint8Array(size);
}
