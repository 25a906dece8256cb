import { isRef, PdfName, PdfRef, serialize, type PdfDict, type PdfValue } from './objects.js';
import type { PdfReader } from './reader.js';

/** One object the update writes: new, or a new version of an existing one (same number). */
export interface UpdateObject {
  num: number;
  gen: number;
  /** The object's value, serialised (a stream's dictionary, `/Length` included, when {@link stream} is set). */
  body: string;
  /** A stream's data, written raw after `stream` (certificates, OCSP answers, CRLs are binary). */
  stream?: Uint8Array | undefined;
}

const encoder = new TextEncoder();

function subsections(nums: number[]): Array<[number, number[]]> {
  const runs: Array<[number, number[]]> = [];
  for (const num of [...nums].sort((a, b) => a - b)) {
    const last = runs[runs.length - 1];
    if (last && last[0] + last[1].length === num) last[1].push(num);
    else runs.push([num, [num]]);
  }
  return runs;
}

function trailerEntries(reader: PdfReader, size: number): PdfDict {
  const previous = reader.trailer;
  const trailer: PdfDict = new Map<string, PdfValue>([['Size', size]]);
  for (const key of ['Root', 'Info', 'ID']) {
    const value = previous.get(key);
    if (value !== undefined) trailer.set(key, value);
  }
  trailer.set('Prev', reader.startxref);
  return trailer;
}

/**
 * Appends objects to a PDF without touching a byte of it: the objects, then a cross-reference section
 * of the same kind as the newest one (a table after a table, a stream after a stream, because a
 * classic trailer's `/Prev` must not point at a stream for strict readers), then `startxref`.
 * Returns the bytes to append after `reader.source`.
 */
export function writeIncrementalUpdate(reader: PdfReader, objects: UpdateObject[]): Uint8Array {
  const base = reader.source.size;
  const lastByte = reader.source.size > 0 ? reader.lastByte : 0x0a;
  // The objects go out as parts (text, and stream data as is); `written` counts their bytes.
  const parts: Uint8Array[] = [];
  let written = 0;
  const put = (part: Uint8Array | string): void => {
    const bytes = typeof part === 'string' ? encoder.encode(part) : part;
    parts.push(bytes);
    written += bytes.length;
  };
  if (lastByte !== 0x0a && lastByte !== 0x0d) put('\n');
  const offsets = new Map<number, number>();
  for (const object of objects) {
    offsets.set(object.num, base + written);
    put(`${object.num} ${object.gen} obj\n${object.body}\n`);
    if (object.stream) {
      put('stream\n');
      put(object.stream);
      put('\nendstream\n');
    }
    put('endobj\n');
  }
  let text = '';
  const previousSize = Number(reader.trailer.get('Size') ?? 0);
  const maxNum = Math.max(...objects.map((o) => o.num));
  const newestKind = reader.sections[0]?.kind ?? 'table';
  const gens = new Map(objects.map((o) => [o.num, o.gen]));

  if (newestKind === 'table') {
    const xrefOffset = base + written;
    text += 'xref\n';
    for (const [start, nums] of subsections(objects.map((o) => o.num))) {
      text += `${start} ${nums.length}\n`;
      for (const num of nums) {
        text += `${String(offsets.get(num)).padStart(10, '0')} ${String(gens.get(num)).padStart(5, '0')} n\r\n`;
      }
    }
    const trailer = trailerEntries(reader, Math.max(previousSize, maxNum + 1));
    text += `trailer\n${serialize(trailer)}\nstartxref\n${xrefOffset}\n%%EOF\n`;
    put(text);
    return concat(parts, written);
  }

  // Cross-reference stream: W [1 4 2], uncompressed; it lists itself too.
  const xrefNum = Math.max(previousSize, maxNum + 1);
  const xrefOffset = base + written;
  offsets.set(xrefNum, xrefOffset);
  gens.set(xrefNum, 0);
  const runs = subsections([...offsets.keys()]);
  const rows = [...offsets.keys()].length;
  const data = new Uint8Array(rows * 7);
  let pos = 0;
  for (const [, nums] of runs) {
    for (const num of nums) {
      const offset = offsets.get(num) ?? 0;
      data[pos++] = 1;
      for (let shift = 24; shift >= 0; shift -= 8) data[pos++] = Math.floor(offset / 2 ** shift) & 0xff;
      const gen = gens.get(num) ?? 0;
      data[pos++] = gen >> 8;
      data[pos++] = gen & 0xff;
    }
  }
  const dict = trailerEntries(reader, xrefNum + 1);
  dict.set('Type', new PdfName('XRef'));
  dict.set('W', [1, 4, 2]);
  dict.set(
    'Index',
    runs.flatMap(([start, nums]) => [start, nums.length]),
  );
  dict.set('Length', data.length);
  put(`${xrefNum} 0 obj\n${serialize(dict)}\nstream\n`);
  put(data);
  put(`\nendstream\nendobj\nstartxref\n${xrefOffset}\n%%EOF\n`);
  return concat(parts, written);
}

function concat(parts: Uint8Array[], length: number): Uint8Array {
  const out = new Uint8Array(length);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/** A reference as the update writes it, for objects it creates. */
export const refTo = (num: number): PdfRef => new PdfRef(num, 0);

/** The generation an existing object is rewritten with (its current one). */
export function generationOf(reader: PdfReader, ref: PdfValue | undefined): number {
  if (!isRef(ref)) return 0;
  const entry = reader.entries.get(ref.num);
  return entry?.type === 'offset' ? entry.gen : 0;
}
