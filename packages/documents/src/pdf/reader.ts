import type { ByteSource } from '../source/byte-source.js';
import { pdfError } from './errors.js';
import { decodeStream } from './filters.js';
import { isDict, isName, isRef, PdfRef, type PdfDict, type PdfStream, type PdfValue } from './objects.js';
import { NeedMoreData, PdfParser, PdfSyntaxError } from './parser.js';

/** Where one object lives, according to a cross-reference section. */
export type XrefEntry =
  | { type: 'offset'; offset: number; gen: number }
  | { type: 'compressed'; stream: number; index: number }
  | { type: 'free' };

/** One cross-reference section (one revision of the file). */
export interface XrefSection {
  /** `table` for a classic `xref` table, `stream` for a PDF 1.5 cross-reference stream. */
  kind: 'table' | 'stream';
  /** Offset of the section (what `startxref` / `/Prev` point at). */
  offset: number;
  /** The trailer (or the stream's dictionary). */
  trailer: PdfDict;
  /** The objects this section defines or frees. */
  entries: Map<number, XrefEntry>;
}

const TAIL_WINDOW = 2048;
const FIRST_WINDOW = 4096;

/** Parses with a window that grows until the value fits (never more than the file). */
async function parseAt<T>(source: ByteSource, offset: number, parse: (parser: PdfParser) => T): Promise<T> {
  for (let size = FIRST_WINDOW; ; size *= 4) {
    const length = Math.min(size, source.size - offset);
    const buf = await source.read(offset, length);
    try {
      return parse(new PdfParser(buf, offset, offset + length >= source.size));
    } catch (error) {
      if (!(error instanceof NeedMoreData)) throw error;
    }
  }
}

const latin1 = (bytes: Uint8Array): string => String.fromCharCode(...bytes);

/**
 * Reads a PDF through random access: the cross-reference chain from the end, then only the objects
 * asked for. Handles classic tables, cross-reference streams, hybrid files (`/XRefStm`) and objects
 * inside object streams.
 */
export class PdfReader {
  /** Sections newest first. */
  readonly sections: XrefSection[] = [];
  /** Newest entry of every object. */
  readonly entries = new Map<number, XrefEntry>();
  readonly #objectStreams = new Map<
    number,
    Promise<{ offsets: Map<number, number>; data: Uint8Array; first: number }>
  >();
  readonly #cache = new Map<string, Promise<PdfValue>>();

  private constructor(
    readonly source: ByteSource,
    readonly startxref: number,
    readonly header: string,
    /** The file's last byte, to know whether an update needs a leading end-of-line. */
    readonly lastByte: number,
  ) {}

  /** The newest trailer. */
  get trailer(): PdfDict {
    return this.sections[0]?.trailer ?? new Map();
  }

  /** Opens a PDF: checks the header and the end of file, then reads every cross-reference section. */
  static async open(source: ByteSource): Promise<PdfReader> {
    const head = latin1(await source.read(0, Math.min(1024, source.size)));
    const headerAt = head.indexOf('%PDF-');
    if (headerAt < 0) throw pdfError('PDF_NOT_PDF');
    const tailStart = Math.max(0, source.size - TAIL_WINDOW);
    const tail = latin1(await source.read(tailStart, source.size - tailStart));
    const at = tail.lastIndexOf('startxref');
    if (at < 0 || !tail.includes('%%EOF', at)) throw pdfError('PDF_TRUNCATED');
    const match = /^startxref\s+(\d+)/.exec(tail.slice(at));
    const startxref = match ? Number(match[1]) : Number.NaN;
    if (!(startxref >= 0 && startxref < source.size)) throw pdfError('PDF_TRUNCATED');
    const reader = new PdfReader(
      source,
      startxref,
      head.slice(headerAt, headerAt + 8).trim(),
      tail.charCodeAt(tail.length - 1),
    );
    await reader.#readSections(startxref).catch(asDamaged);
    if (reader.trailer.has('Encrypt')) throw pdfError('PDF_ENCRYPTED');
    if (!isRef(reader.trailer.get('Root'))) throw pdfError('PDF_XREF_DAMAGED');
    return reader;
  }

  async #readSections(first: number): Promise<void> {
    const seen = new Set<number>();
    for (let offset: number | undefined = first; offset !== undefined;) {
      if (seen.has(offset) || offset >= this.source.size)
        throw new PdfSyntaxError('cross-reference chain loops or points outside the file', offset);
      seen.add(offset);
      const section = await this.#readSection(offset);
      const xrefStm = section.trailer.get('XRefStm');
      if (section.kind === 'table' && typeof xrefStm === 'number') {
        const hidden = await this.#readSection(xrefStm);
        for (const [num, entry] of hidden.entries) if (!section.entries.has(num)) section.entries.set(num, entry);
      }
      this.sections.push(section);
      for (const [num, entry] of section.entries) if (!this.entries.has(num)) this.entries.set(num, entry);
      const prev = section.trailer.get('Prev');
      offset = typeof prev === 'number' ? prev : undefined;
    }
  }

  async #readSection(offset: number): Promise<XrefSection> {
    const probe = latin1(await this.source.read(offset, 4));
    if (probe === 'xref') return parseAt(this.source, offset, (p) => readTable(p, offset));
    const stream = await this.#streamAt(offset);
    if (!isName(stream.dict.get('Type'), 'XRef'))
      throw new PdfSyntaxError('startxref does not point at a cross-reference section', offset);
    return {
      kind: 'stream',
      offset,
      trailer: stream.dict,
      entries: readXrefStream(stream.dict, await decodeStream(stream.dict, stream.data)),
    };
  }

  /** Reads `num gen obj` at an offset: the value, or the stream it heads. */
  async #objectAt(offset: number): Promise<{ num: number; value: PdfValue; stream?: PdfStream }> {
    const parsed = await parseAt(this.source, offset, (p) => {
      const { num } = p.objectHeader();
      const value = p.value();
      const dataStart = isDict(value) ? p.streamStart() : undefined;
      return { num, value, dataOffset: dataStart === undefined ? undefined : p.base + dataStart };
    });
    if (parsed.dataOffset === undefined || !isDict(parsed.value)) return { num: parsed.num, value: parsed.value };
    const lengthValue = await this.resolve(parsed.value.get('Length'));
    if (typeof lengthValue !== 'number') throw new PdfSyntaxError('stream without a /Length', offset);
    const data = await this.source.read(parsed.dataOffset, lengthValue);
    return {
      num: parsed.num,
      value: parsed.value,
      stream: { dict: parsed.value, dataOffset: parsed.dataOffset, data },
    };
  }

  async #streamAt(offset: number): Promise<PdfStream> {
    const { stream } = await this.#objectAt(offset);
    if (!stream) throw new PdfSyntaxError('expected a stream', offset);
    return stream;
  }

  /** The value of an indirect object (a stream's dictionary for streams). `null` when free or missing. */
  getObject(ref: PdfRef | number, entries: Map<number, XrefEntry> = this.entries): Promise<PdfValue> {
    const num = typeof ref === 'number' ? ref : ref.num;
    const entry = entries.get(num);
    const key = `${num}@${entry?.type === 'offset' ? entry.offset : entry?.type === 'compressed' ? `${entry.stream}.${entry.index}` : 'none'}`;
    let value = this.#cache.get(key);
    if (!value) {
      // An object the cross-reference points at that cannot be read is damage, not a bug: typed.
      value = this.#load(num, entry).catch(asDamaged);
      this.#cache.set(key, value);
    }
    return value;
  }

  async #load(num: number, entry: XrefEntry | undefined): Promise<PdfValue> {
    if (!entry || entry.type === 'free') return null;
    if (entry.type === 'offset') return (await this.#objectAt(entry.offset)).value;
    const container = await this.#objectStream(entry.stream);
    const at = container.offsets.get(num);
    if (at === undefined) return null;
    const start = container.first + at;
    return new PdfParser(container.data.subarray(start), 0, true).value();
  }

  /** A stream object by number (for content the verifier needs). */
  async getStream(num: number): Promise<PdfStream | undefined> {
    const entry = this.entries.get(num);
    if (entry?.type !== 'offset') return undefined;
    return (await this.#objectAt(entry.offset).catch(asDamaged)).stream;
  }

  #objectStream(num: number): Promise<{ offsets: Map<number, number>; data: Uint8Array; first: number }> {
    let loaded = this.#objectStreams.get(num);
    if (!loaded) {
      loaded = (async () => {
        const entry = this.entries.get(num);
        if (entry?.type !== 'offset') throw new PdfSyntaxError(`object stream ${num} not found`, 0);
        const stream = await this.#streamAt(entry.offset);
        const data = await decodeStream(stream.dict, stream.data);
        const count = Number(stream.dict.get('N') ?? 0);
        const first = Number(stream.dict.get('First') ?? 0);
        const header = new PdfParser(data.subarray(0, first), 0, true);
        const offsets = new Map<number, number>();
        for (let i = 0; i < count; i++) offsets.set(header.integer(), header.integer());
        return { offsets, data, first };
      })();
      this.#objectStreams.set(num, loaded);
    }
    return loaded;
  }

  /** Follows a reference; direct values come back as they are. */
  async resolve(value: PdfValue | undefined): Promise<PdfValue | undefined> {
    return isRef(value) ? this.getObject(value) : value;
  }

  /** Resolves to a dictionary, or undefined. */
  async dict(value: PdfValue | undefined): Promise<PdfDict | undefined> {
    const resolved = await this.resolve(value);
    return isDict(resolved) ? resolved : undefined;
  }
}

/**
 * Rethrows a parse failure inside the file (bad syntax where the cross-reference points, an offset past
 * the end, a stream that does not decode) as `PDF_XREF_DAMAGED`; other errors (already typed ones
 * included) pass unchanged.
 */
function asDamaged(error: unknown): never {
  if (error instanceof PdfSyntaxError || error instanceof TypeError || error instanceof RangeError) {
    throw pdfError('PDF_XREF_DAMAGED', error, error instanceof PdfSyntaxError ? error.offset : undefined);
  }
  throw error;
}

function readTable(p: PdfParser, offset: number): XrefSection {
  p.expectWord('xref');
  const entries = new Map<number, XrefEntry>();
  while (/^\d+$/.test(p.peekWord())) {
    const start = p.integer();
    const count = p.integer();
    for (let i = 0; i < count; i++) {
      const position = p.integer();
      const gen = p.integer();
      const kind = p.word();
      if (kind !== 'n' && kind !== 'f') throw new PdfSyntaxError('bad cross-reference entry', p.offset);
      // Some writers start a table at 1 although object 0 is listed; the free head entry gives it away.
      const num = start + i;
      entries.set(num, kind === 'n' ? { type: 'offset', offset: position, gen } : { type: 'free' });
    }
  }
  p.expectWord('trailer');
  const trailer = p.value();
  if (!isDict(trailer)) throw new PdfSyntaxError('trailer is not a dictionary', p.offset);
  return { kind: 'table', offset, trailer, entries };
}

function readXrefStream(dict: PdfDict, data: Uint8Array): Map<number, XrefEntry> {
  const widths = (dict.get('W') as number[] | undefined) ?? [];
  const [w0 = 1, w1 = 0, w2 = 0] = widths;
  const size = Number(dict.get('Size') ?? 0);
  const index = (dict.get('Index') as number[] | undefined) ?? [0, size];
  const entries = new Map<number, XrefEntry>();
  const rowWidth = w0 + w1 + w2;
  let pos = 0;
  const field = (width: number, fallback: number): number => {
    if (width === 0) return fallback;
    let value = 0;
    for (let i = 0; i < width; i++) value = value * 256 + (data[pos++] ?? 0);
    return value;
  };
  for (let i = 0; i + 1 < index.length; i += 2) {
    const start = index[i] ?? 0;
    const count = index[i + 1] ?? 0;
    for (let j = 0; j < count && pos + rowWidth <= data.length; j++) {
      const type = field(w0, 1);
      const a = field(w1, 0);
      const b = field(w2, 0);
      entries.set(
        start + j,
        type === 1
          ? { type: 'offset', offset: a, gen: b }
          : type === 2
            ? { type: 'compressed', stream: a, index: b }
            : { type: 'free' },
      );
    }
  }
  return entries;
}
