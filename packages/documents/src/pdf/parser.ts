import { PdfName, PdfRef, PdfString, type PdfDict, type PdfValue } from './objects.js';

/** Raised when a parse runs off the end of the bytes read so far; the caller reads more and retries. */
export class NeedMoreData extends Error {}

/** A syntax error at an absolute file offset. */
export class PdfSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(`${message} at byte ${offset}`);
  }
}

const WHITESPACE = new Set([0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]);
const DELIMITERS = new Set([0x28, 0x29, 0x3c, 0x3e, 0x5b, 0x5d, 0x7b, 0x7d, 0x2f, 0x25]);
const isRegular = (byte: number): boolean => !WHITESPACE.has(byte) && !DELIMITERS.has(byte);

/**
 * A cursor over a window of the file. `base` is the window's absolute offset; `complete` says the
 * window reaches the end of the file, so running out means truncation rather than "read more".
 */
export class PdfParser {
  pos = 0;

  constructor(
    readonly buf: Uint8Array,
    readonly base: number,
    readonly complete: boolean,
  ) {}

  get offset(): number {
    return this.base + this.pos;
  }

  #byte(at = this.pos): number {
    const byte = this.buf[at];
    if (byte === undefined) {
      if (this.complete) throw new PdfSyntaxError('unexpected end of file', this.base + at);
      throw new NeedMoreData();
    }
    return byte;
  }

  skipWhitespace(): void {
    for (;;) {
      if (this.pos >= this.buf.length) {
        if (this.complete) return;
        throw new NeedMoreData();
      }
      const byte = this.#byte();
      if (WHITESPACE.has(byte)) this.pos++;
      else if (byte === 0x25) {
        // comment to end of line
        while (this.pos < this.buf.length && this.buf[this.pos] !== 0x0a && this.buf[this.pos] !== 0x0d) this.pos++;
      } else return;
    }
  }

  /** The next bare word (keyword or number) without consuming it. */
  peekWord(): string {
    this.skipWhitespace();
    let end = this.pos;
    while (end < this.buf.length && isRegular(this.buf[end] ?? 0)) end++;
    if (end >= this.buf.length && !this.complete) throw new NeedMoreData();
    return String.fromCharCode(...this.buf.subarray(this.pos, end));
  }

  word(): string {
    const text = this.peekWord();
    this.pos += text.length;
    return text;
  }

  expectWord(expected: string): void {
    const start = this.offset;
    const got = this.word();
    if (got !== expected) throw new PdfSyntaxError(`expected "${expected}", found "${got.slice(0, 20)}"`, start);
  }

  integer(): number {
    const start = this.offset;
    const text = this.word();
    if (!/^\d+$/.test(text)) throw new PdfSyntaxError(`expected an integer, found "${text.slice(0, 20)}"`, start);
    return Number(text);
  }

  /** `num gen obj` header. */
  objectHeader(): { num: number; gen: number } {
    const num = this.integer();
    const gen = this.integer();
    this.expectWord('obj');
    return { num, gen };
  }

  value(): PdfValue {
    this.skipWhitespace();
    const start = this.pos;
    const byte = this.#byte();
    if (byte === 0x2f) return this.#name();
    if (byte === 0x28) return this.#literalString();
    if (byte === 0x3c) {
      if (this.#byte(this.pos + 1) === 0x3c) return this.#dict();
      return this.#hexString();
    }
    if (byte === 0x5b) return this.#array();
    const text = this.word();
    if (text === 'true') return true;
    if (text === 'false') return false;
    if (text === 'null') return null;
    if (/^[+-]?(\d+\.?\d*|\.\d+)$/.test(text)) {
      if (/^\d+$/.test(text)) {
        // Maybe `num gen R`.
        const save = this.pos;
        const gen = this.peekWord();
        if (/^\d+$/.test(gen)) {
          this.pos += gen.length;
          if (this.peekWord() === 'R') {
            this.pos += 1;
            return new PdfRef(Number(text), Number(gen));
          }
        }
        this.pos = save;
      }
      return Number(text);
    }
    throw new PdfSyntaxError(`unexpected token "${text.slice(0, 20) || String.fromCharCode(byte)}"`, this.base + start);
  }

  #name(): PdfName {
    this.pos++;
    const start = this.pos;
    while (isRegular(this.#byte())) this.pos++;
    return new PdfName(String.fromCharCode(...this.buf.subarray(start, this.pos)));
  }

  #dict(): PdfDict {
    this.pos += 2;
    const dict: PdfDict = new Map();
    for (;;) {
      this.skipWhitespace();
      if (this.#byte() === 0x3e && this.#byte(this.pos + 1) === 0x3e) {
        this.pos += 2;
        return dict;
      }
      const key = this.value();
      if (!(key instanceof PdfName)) throw new PdfSyntaxError('dictionary key is not a name', this.offset);
      dict.set(key.name, this.value());
    }
  }

  #array(): PdfValue[] {
    this.pos++;
    const items: PdfValue[] = [];
    for (;;) {
      this.skipWhitespace();
      if (this.#byte() === 0x5d) {
        this.pos++;
        return items;
      }
      items.push(this.value());
    }
  }

  #hexString(): PdfString {
    this.pos++;
    const digits: number[] = [];
    for (;;) {
      const byte = this.#byte();
      this.pos++;
      if (byte === 0x3e) break;
      if (WHITESPACE.has(byte)) continue;
      const digit = Number.parseInt(String.fromCharCode(byte), 16);
      if (Number.isNaN(digit)) throw new PdfSyntaxError('bad hex string', this.offset - 1);
      digits.push(digit);
    }
    if (digits.length % 2) digits.push(0);
    const out = new Uint8Array(digits.length / 2);
    for (let i = 0; i < out.length; i++) out[i] = ((digits[2 * i] ?? 0) << 4) | (digits[2 * i + 1] ?? 0);
    return new PdfString(out, true);
  }

  #literalString(): PdfString {
    this.pos++;
    const out: number[] = [];
    let depth = 1;
    for (;;) {
      const byte = this.#byte();
      this.pos++;
      if (byte === 0x5c) {
        const next = this.#byte();
        this.pos++;
        const escapes: Record<number, number> = { 0x6e: 0x0a, 0x72: 0x0d, 0x74: 0x09, 0x62: 0x08, 0x66: 0x0c };
        if (next in escapes) out.push(escapes[next] ?? next);
        else if (next >= 0x30 && next <= 0x37) {
          let code = next - 0x30;
          for (let i = 0; i < 2 && this.#byte() >= 0x30 && this.#byte() <= 0x37; i++)
            code = code * 8 + this.#byte(this.pos++) - 0x30;
          out.push(code & 0xff);
        } else if (next === 0x0d) {
          if (this.#byte() === 0x0a) this.pos++;
        } else if (next !== 0x0a) out.push(next);
        continue;
      }
      if (byte === 0x28) depth++;
      if (byte === 0x29 && --depth === 0) break;
      out.push(byte);
    }
    return new PdfString(Uint8Array.from(out));
  }

  /**
   * After a dictionary: `stream` + EOL means stream data follows. Returns the data's position in the
   * window, or undefined for a plain object.
   */
  streamStart(): number | undefined {
    if (this.peekWord() !== 'stream') return undefined;
    this.pos += 6;
    if (this.#byte() === 0x0d) this.pos++;
    if (this.#byte() === 0x0a) this.pos++;
    return this.pos;
  }
}
