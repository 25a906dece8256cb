// The PDF object model, as far as signing needs it: enough to read the cross-reference data, the
// catalog, the page tree and the form, and to write back the few dictionaries an incremental update
// changes. Strings and names keep their bytes, so a rewritten dictionary says exactly what it said.

/** A name, stored without the leading slash and with `#xx` escapes as written. */
export class PdfName {
  constructor(readonly name: string) {}
}

/** A string's bytes, and whether it was written in hex. */
export class PdfString {
  constructor(
    readonly bytes: Uint8Array,
    readonly hex = false,
  ) {}
}

/** An indirect reference `num gen R`. */
export class PdfRef {
  constructor(
    readonly num: number,
    readonly gen: number,
  ) {}
  get key(): string {
    return `${this.num} ${this.gen}`;
  }
}

/** A dictionary; keys are names without the slash, in their written order. */
export type PdfDict = Map<string, PdfValue>;

/** A stream: its dictionary and the still-encoded data. */
export interface PdfStream {
  dict: PdfDict;
  /** Absolute offset of the first data byte in the file. */
  dataOffset: number;
  /** The raw (encoded) data. */
  data: Uint8Array;
}

/** Any direct PDF value. */
export type PdfValue = null | boolean | number | PdfName | PdfString | PdfRef | PdfValue[] | PdfDict;

export const isDict = (value: PdfValue | undefined): value is PdfDict => value instanceof Map;
export const isRef = (value: PdfValue | undefined): value is PdfRef => value instanceof PdfRef;
export const isName = (value: PdfValue | undefined, name?: string): value is PdfName =>
  value instanceof PdfName && (name === undefined || value.name === name);

const encoder = new TextEncoder();

function formatNumber(value: number): string {
  if (Number.isInteger(value)) return String(value);
  return value.toFixed(6).replace(/0+$/, '').replace(/\.$/, '');
}

function literal(bytes: Uint8Array): string {
  let out = '(';
  for (const byte of bytes) {
    if (byte === 0x28 || byte === 0x29 || byte === 0x5c) out += `\\${String.fromCharCode(byte)}`;
    else if (byte < 0x20 || byte > 0x7e) out += `\\${byte.toString(8).padStart(3, '0')}`;
    else out += String.fromCharCode(byte);
  }
  return `${out})`;
}

function hex(bytes: Uint8Array): string {
  let out = '<';
  for (const byte of bytes) out += byte.toString(16).padStart(2, '0');
  return `${out}>`;
}

/** Serialises a value as PDF syntax (ASCII). */
export function serialize(value: PdfValue): string {
  if (value === null) return 'null';
  if (typeof value === 'boolean' || typeof value === 'number') {
    return typeof value === 'number' ? formatNumber(value) : String(value);
  }
  if (value instanceof PdfName) return `/${value.name}`;
  if (value instanceof PdfString) return value.hex ? hex(value.bytes) : literal(value.bytes);
  if (value instanceof PdfRef) return `${value.num} ${value.gen} R`;
  if (Array.isArray(value)) return `[${value.map(serialize).join(' ')}]`;
  let out = '<<';
  for (const [key, item] of value) out += ` /${key} ${serialize(item)}`;
  return `${out} >>`;
}

/**
 * A text string as PDF wants it: PDFDocEncoding-safe ASCII stays literal; anything else (Vietnamese
 * tone marks) is UTF-16BE with a byte-order mark, written in hex.
 */
export function textString(text: string): PdfString {
  if (/^[\x20-\x7e]*$/.test(text)) return new PdfString(encoder.encode(text));
  const units = [0xfe, 0xff];
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    units.push(code >> 8, code & 0xff);
  }
  return new PdfString(Uint8Array.from(units), true);
}

/** Decodes a text string (UTF-16BE with BOM, UTF-8 with BOM, or PDFDocEncoding ~ Latin-1). */
export function decodeTextString(value: PdfValue | undefined): string | undefined {
  if (!(value instanceof PdfString)) return undefined;
  const bytes = value.bytes;
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    let out = '';
    for (let i = 2; i + 1 < bytes.length; i += 2)
      out += String.fromCharCode(((bytes[i] ?? 0) << 8) | (bytes[i + 1] ?? 0));
    return out;
  }
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return new TextDecoder().decode(bytes.subarray(3));
  return String.fromCharCode(...bytes);
}

/** A PDF date: `D:YYYYMMDDHHmmSS+HH'mm'`, in Vietnam's time zone (UTC+7) by default. */
export function pdfDate(date: Date, offsetMinutes = 420): PdfString {
  const local = new Date(date.getTime() + offsetMinutes * 60_000);
  const two = (n: number) => String(n).padStart(2, '0');
  const sign = offsetMinutes >= 0 ? '+' : '-';
  const abs = Math.abs(offsetMinutes);
  const text =
    `D:${local.getUTCFullYear()}${two(local.getUTCMonth() + 1)}${two(local.getUTCDate())}` +
    `${two(local.getUTCHours())}${two(local.getUTCMinutes())}${two(local.getUTCSeconds())}` +
    `${sign}${two(Math.floor(abs / 60))}'${two(abs % 60)}'`;
  return new PdfString(encoder.encode(text));
}

/** Parses a PDF date string back to a `Date` (undefined when it is not one). */
export function parsePdfDate(value: PdfValue | undefined): Date | undefined {
  const text = decodeTextString(value);
  const match = text?.match(/^D:(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?(?:([+\-Z])(\d{2})?'?(\d{2})?'?)?/);
  if (!match) return undefined;
  const [, y, mo = '01', d = '01', h = '00', mi = '00', s = '00', sign, oh = '00', om = '00'] = match;
  const utc = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
  const offset = sign === '+' || sign === '-' ? (sign === '-' ? -1 : 1) * (Number(oh) * 60 + Number(om)) : 0;
  return new Date(utc - offset * 60_000);
}
