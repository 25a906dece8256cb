/** Byte helpers shared by the protocol modules. Everything here works in Node and in browsers. */

const HEX_PATTERN = /^(?:[0-9a-fA-F]{2})*$/;

/** Lowercase hex of `bytes`, the encoding SP769 uses for `data_to_be_signed`. */
export function bytesToHex(bytes: Uint8Array): string {
  let out = '';
  for (const byte of bytes) out += byte.toString(16).padStart(2, '0');
  return out;
}

/** Parses hex (either case). Returns `undefined` when the text is not an even run of hex digits. */
export function hexToBytes(hex: string): Uint8Array | undefined {
  if (!HEX_PATTERN.test(hex)) return undefined;
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}

/** Standard base64 (with padding), the encoding of certificates, gateway hashes and signatures. */
export function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) {
    binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  }
  return btoa(binary);
}

/** Unpadded base64url (RFC 4648 §5), as JWTs, OAuth2 and the relay's session tokens use it. */
export function bytesToBase64Url(bytes: Uint8Array): string {
  return bytesToBase64(bytes).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
}

/**
 * Parses standard or URL-safe base64, with or without padding and whitespace.
 * Returns `undefined` when the text is not base64.
 */
export function base64ToBytes(text: string): Uint8Array | undefined {
  const normalised = text.replace(/\s+/g, '').replace(/-/g, '+').replace(/_/g, '/');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(normalised) || normalised.length % 4 === 1) return undefined;
  const padded = normalised.padEnd(Math.ceil(normalised.length / 4) * 4, '=');
  try {
    const binary = atob(padded);
    const out = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
    return out;
  } catch {
    return undefined;
  }
}

/** Big-endian unsigned integer from bytes. */
export function bytesToBigInt(bytes: Uint8Array): bigint {
  return bytes.length === 0 ? 0n : BigInt('0x' + bytesToHex(bytes));
}

/** Big-endian bytes of `value`, left-padded with zeros to `length`. */
export function bigIntToBytes(value: bigint, length: number): Uint8Array {
  const hex = value.toString(16).padStart(length * 2, '0');
  if (hex.length > length * 2) throw new RangeError('integer does not fit in the requested length');
  return hexToBytes(hex) as Uint8Array;
}

/** Compares two byte arrays without an early exit, so timing does not reveal where they differ. */
export function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= (a[i] as number) ^ (b[i] as number);
  return diff === 0;
}

/** Copies `bytes` into a fresh ArrayBuffer, the form WebCrypto accepts under strict typings. */
export function toArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  const copy = new Uint8Array(bytes.length);
  copy.set(bytes);
  return copy.buffer;
}
