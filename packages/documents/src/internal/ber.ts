// BER → DER for CMS made by streaming signers (`openssl cms -sign -stream`, Adobe): indefinite lengths
// (0x80 … 00 00) become definite, and a constructed OCTET STRING (the content cut in chunks) becomes one
// primitive OCTET STRING. DER input comes out byte for byte the same, so the signed attributes of a DER
// signature are untouched; for BER ones this *is* the rule RFC 5652 §5.4 sets: the digest is over DER.
import { tlv } from './der.js';

/** A TLV read from BER: where its content lies, and whether the length was indefinite. */
interface BerNode {
  tag: number;
  contentStart: number;
  /** Offset just past the content (before the end-of-contents octets when indefinite). */
  contentEnd: number;
  /** Offset just past the whole TLV. */
  end: number;
}

const MAX_DEPTH = 64;

function readNode(bytes: Uint8Array, offset: number, limit: number, depth: number): BerNode {
  if (depth > MAX_DEPTH) throw new RangeError('BER: nested too deeply');
  const tag = bytes[offset];
  const first = bytes[offset + 1];
  if (tag === undefined || first === undefined || offset + 2 > limit) throw new RangeError('BER: truncated header');
  if ((tag & 0x1f) === 0x1f) throw new RangeError('BER: high tag numbers are not used by CMS');
  let contentStart = offset + 2;
  if (first === 0x80) {
    if ((tag & 0x20) === 0) throw new RangeError('BER: indefinite length on a primitive value');
    let at = contentStart;
    for (;;) {
      if (at + 2 > limit) throw new RangeError('BER: no end-of-contents');
      if (bytes[at] === 0 && bytes[at + 1] === 0) return { tag, contentStart, contentEnd: at, end: at + 2 };
      at = readNode(bytes, at, limit, depth + 1).end;
    }
  }
  let length = first;
  if (first & 0x80) {
    const count = first & 0x7f;
    if (count > 4) throw new RangeError('BER: length too large');
    length = 0;
    for (let i = 0; i < count; i++) {
      const byte = bytes[contentStart + i];
      if (byte === undefined) throw new RangeError('BER: truncated length');
      length = length * 256 + byte;
    }
    contentStart += count;
  }
  const end = contentStart + length;
  if (end > limit) throw new RangeError('BER: content runs past the end');
  return { tag, contentStart, contentEnd: end, end };
}

function children(bytes: Uint8Array, node: BerNode, depth: number): BerNode[] {
  const out: BerNode[] = [];
  for (let at = node.contentStart; at < node.contentEnd;) {
    const child = readNode(bytes, at, node.contentEnd, depth + 1);
    out.push(child);
    at = child.end;
  }
  return out;
}

/** The concatenated content of a (possibly constructed, possibly nested) OCTET STRING. */
function octets(bytes: Uint8Array, node: BerNode, depth: number): Uint8Array[] {
  if ((node.tag & 0x20) === 0) return [bytes.subarray(node.contentStart, node.contentEnd)];
  return children(bytes, node, depth).flatMap((child) => {
    if ((child.tag & 0xdf) !== 0x04) throw new RangeError('BER: a constructed OCTET STRING holds something else');
    return octets(bytes, child, depth + 1);
  });
}

function toDer(bytes: Uint8Array, node: BerNode, depth: number): Uint8Array {
  if (node.tag === 0x24) return tlv(0x04, ...octets(bytes, node, depth));
  if ((node.tag & 0x20) === 0) return tlv(node.tag, bytes.subarray(node.contentStart, node.contentEnd));
  return tlv(node.tag, ...children(bytes, node, depth).map((child) => toDer(bytes, child, depth + 1)));
}

/** The DER form of one BER value at the start of `bytes` (trailing bytes, e.g. PDF padding, are ignored). */
export function berToDer(bytes: Uint8Array): Uint8Array {
  return toDer(bytes, readNode(bytes, 0, bytes.length, 0), 0);
}
