// A minimal DER reader: enough to walk an X.509 certificate's fixed structure (RFC 5280 §4.1)
// without loading @peculiar/x509 and its ASN.1 family, which cost most of the SDK's start-up.
// Definite lengths only (DER has no others); a malformed input throws RangeError.

/** One DER element: its tag byte, its content and the whole encoding (tag, length, content). */
export interface DerElement {
  tag: number;
  content: Uint8Array;
  encoded: Uint8Array;
}

/** The element starting at `offset`. */
export function readElement(bytes: Uint8Array, offset = 0): DerElement {
  const tag = byteAt(bytes, offset);
  // Multi-byte tags (low five bits all set) never occur in the structures read here.
  if ((tag & 0x1f) === 0x1f) throw new RangeError('DER: multi-byte tag');
  let length = byteAt(bytes, offset + 1);
  let start = offset + 2;
  if (length >= 0x80) {
    const count = length & 0x7f;
    if (count === 0 || count > 4) throw new RangeError('DER: unsupported length');
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + byteAt(bytes, start + i);
    start += count;
  }
  const end = start + length;
  if (end > bytes.length) throw new RangeError('DER: element runs past the end');
  return { tag, content: bytes.subarray(start, end), encoded: bytes.subarray(offset, end) };
}

/** The elements inside a constructed element's content, in order. */
export function children(content: Uint8Array): DerElement[] {
  const list: DerElement[] = [];
  for (let offset = 0; offset < content.length;) {
    const element = readElement(content, offset);
    list.push(element);
    offset += element.encoded.length;
  }
  return list;
}

/** Dotted OID text from an OBJECT IDENTIFIER's content. */
export function decodeOid(content: Uint8Array): string {
  if (content.length === 0) throw new RangeError('DER: empty OID');
  const arcs: number[] = [];
  let value = 0;
  for (const byte of content) {
    value = value * 128 + (byte & 0x7f);
    if (byte & 0x80) continue;
    if (arcs.length === 0) arcs.push(value < 80 ? Math.floor(value / 40) : 2, value < 80 ? value % 40 : value - 80);
    else arcs.push(value);
    value = 0;
  }
  return arcs.join('.');
}

/** A UTCTime (tag 0x17) or GeneralizedTime (0x18) as a Date. */
export function decodeTime(element: DerElement): Date {
  const text = latin1(element.content);
  const match =
    element.tag === 0x17
      ? /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})?Z$/.exec(text)
      : /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})?(?:[.,](\d+))?Z$/.exec(text);
  if (!match) throw new RangeError('DER: unsupported time');
  let year = Number(match[1]);
  // RFC 5280 §4.1.2.5.1: a two-digit year below 50 is 20YY.
  if (element.tag === 0x17) year += year < 50 ? 2000 : 1900;
  const millis = match[7] ? Math.round(Number(`0.${match[7]}`) * 1000) : 0;
  return new Date(
    Date.UTC(
      year,
      Number(match[2]) - 1,
      Number(match[3]),
      Number(match[4]),
      Number(match[5]),
      Number(match[6] ?? 0),
      millis,
    ),
  );
}

/** Each byte as one character (ISO-8859-1): PrintableString, IA5String, TeletexString as read here. */
export function latin1(bytes: Uint8Array): string {
  let text = '';
  for (const byte of bytes) text += String.fromCharCode(byte);
  return text;
}

function byteAt(bytes: Uint8Array, index: number): number {
  const byte = bytes[index];
  if (byte === undefined) throw new RangeError('DER: truncated');
  return byte;
}
