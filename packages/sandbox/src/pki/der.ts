/**
 * The few DER encodings the sandbox's trust services write by hand, where @peculiar/asn1-* has no
 * class (ESS signingCertificateV2) or where the exact bytes signed must be known (a SET OF attributes).
 */

/** A DER TLV: tag, definite length, then the concatenated contents. */
export function tlv(tag: number, ...parts: Uint8Array[]): Uint8Array {
  const length = parts.reduce((sum, part) => sum + part.length, 0);
  const header =
    length < 0x80
      ? [tag, length]
      : length < 0x100
        ? [tag, 0x81, length]
        : length < 0x10000
          ? [tag, 0x82, length >> 8, length & 0xff]
          : [tag, 0x83, length >> 16, (length >> 8) & 0xff, length & 0xff];
  const out = new Uint8Array(header.length + length);
  out.set(header);
  let at = header.length;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/** A DER SEQUENCE of already encoded elements. */
export const sequence = (...parts: Uint8Array[]): Uint8Array => tlv(0x30, ...parts);

/**
 * A DER SET OF: its elements sorted by their encodings (X.690 §11.6), because the bytes signed are
 * the bytes a validator re-encodes.
 */
export function setOf(elements: readonly Uint8Array[]): Uint8Array {
  return tlv(0x31, ...[...elements].sort(compareBytes));
}

/** Byte-wise order, shorter first on a common prefix. */
export function compareBytes(a: Uint8Array, b: Uint8Array): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    if (a[i] !== b[i]) return (a[i] as number) - (b[i] as number);
  }
  return a.length - b.length;
}

/** An ArrayBuffer holding exactly these bytes (asn1-schema wants ArrayBuffers). */
export function bufferOf(bytes: Uint8Array): ArrayBuffer {
  return bytes.slice().buffer;
}

/** A DER OBJECT IDENTIFIER; arcs are BigInt, as a `2.25.<UUID>` arc exceeds a double. */
export function oid(dotted: string): Uint8Array {
  const arcs = dotted.split('.').map((arc) => BigInt(arc));
  const body: number[] = [];
  const [first = 0n, second = 0n, ...rest] = arcs;
  for (const arc of [first * 40n + second, ...rest]) {
    const groups: number[] = [];
    for (let value = arc; ; value >>= 7n) {
      groups.unshift(Number(value & 0x7fn) | (groups.length ? 0x80 : 0));
      if (value < 0x80n) break;
    }
    body.push(...groups);
  }
  return tlv(0x06, Uint8Array.from(body));
}
