import { createSha256, hashRanges, type ProgressListener } from '../hash/sha256.js';
import type { ByteSource } from '../source/byte-source.js';
import { readStructure, uniqueFieldName } from './document-structure.js';
import { generationOf, refTo, writeIncrementalUpdate, type UpdateObject } from './incremental-update.js';
import { isRef, PdfName, serialize, textString, type PdfDict, type PdfRef, type PdfValue } from './objects.js';
import type { PdfReader } from './reader.js';

/** The signature dictionary a new field gets, around the `/ByteRange` and `/Contents` placeholders. */
export interface SignatureDictionary {
  /** Entries before `/ByteRange`, e.g. `/Type /Sig /Filter /Adobe.PPKLite /SubFilter /ETSI.CAdES.detached`. */
  head: string;
  /** Entries after `/Contents` (already serialised), e.g. ` /M (D:...) /Name (...)`. */
  tail: string;
  /** Bytes reserved for the DER in `/Contents` (written as twice as many hex zeros). */
  placeholderBytes: number;
}

/** An incremental update that adds one signature field, with its placeholder located. */
export interface SignatureFieldUpdate {
  /** The update, with a zero-filled `/Contents` placeholder. */
  update: Uint8Array;
  /** `[start, end)` of the placeholder's hex digits inside {@link update} (between `<` and `>`). */
  contentsHex: readonly [number, number];
  /** The `/ByteRange` written into the signature dictionary. */
  byteRange: readonly [number, number, number, number];
  /** The field's name. */
  fieldName: string;
}

const BYTE_RANGE_WIDTH = 10;
const encoder = new TextEncoder();

function withEntry(dict: PdfDict, key: string, value: PdfValue): PdfDict {
  const copy = new Map(dict);
  copy.set(key, value);
  return copy;
}

function padNumber(value: number): string {
  return String(value).padEnd(BYTE_RANGE_WIDTH, ' ');
}

/**
 * Builds the incremental update that adds one signature field (a signature, or a document
 * timestamp): the signature dictionary, an invisible widget on the first page, and new versions of
 * the page (or its `/Annots` array) and of the form (or the catalog, when the form lives inside it).
 * The original bytes are never rewritten, so earlier signatures stay valid.
 */
export async function addSignatureField(
  reader: PdfReader,
  dictionary: SignatureDictionary,
  wantedName?: string,
): Promise<SignatureFieldUpdate> {
  const structure = await readStructure(reader);
  const fieldName = uniqueFieldName(structure.fieldNames, wantedName);

  const firstNew = Math.max(Number(reader.trailer.get('Size') ?? 0), Math.max(0, ...reader.entries.keys()) + 1);
  const sigNum = firstNew;
  const widgetNum = firstNew + 1;
  let nextNum = firstNew + 2;
  const objects: UpdateObject[] = [];
  const rewrite = (ref: PdfRef, value: PdfValue): void => {
    objects.push({ num: ref.num, gen: generationOf(reader, ref), body: serialize(value) });
  };

  // The page lists the widget among its annotations.
  const annots = structure.page.get('Annots');
  if (isRef(annots)) {
    const list = await reader.resolve(annots);
    rewrite(annots, [...(Array.isArray(list) ? list : []), refTo(widgetNum)]);
  } else {
    const list = Array.isArray(annots) ? annots : [];
    rewrite(structure.pageRef, withEntry(structure.page, 'Annots', [...list, refTo(widgetNum)]));
  }

  // The form lists the field; SigFlags 3 = signatures exist, append only.
  const form: PdfDict = structure.acroForm ? new Map(structure.acroForm) : new Map();
  const fields = form.get('Fields');
  if (isRef(fields)) {
    const list = await reader.resolve(fields);
    rewrite(fields, [...(Array.isArray(list) ? list : []), refTo(widgetNum)]);
  } else {
    form.set('Fields', [...(Array.isArray(fields) ? fields : []), refTo(widgetNum)]);
  }
  form.set('SigFlags', 3);
  if (structure.acroFormRef) {
    rewrite(structure.acroFormRef, form);
  } else {
    const formNum = nextNum++;
    objects.push({ num: formNum, gen: 0, body: serialize(form) });
    rewrite(structure.catalogRef, withEntry(structure.catalog, 'AcroForm', refTo(formNum)));
  }

  const widget: PdfDict = new Map<string, PdfValue>([
    ['Type', new PdfName('Annot')],
    ['Subtype', new PdfName('Widget')],
    ['FT', new PdfName('Sig')],
    ['T', textString(fieldName)],
    ['V', refTo(sigNum)],
    ['F', 132],
    ['Rect', [0, 0, 0, 0]],
    ['P', structure.pageRef],
  ]);
  objects.push({ num: widgetNum, gen: 0, body: serialize(widget) });

  const placeholderRange = `[0 ${padNumber(0)} ${padNumber(0)} ${padNumber(0)}]`;
  const sigBody =
    `<< ${dictionary.head} /ByteRange ${placeholderRange}` +
    ` /Contents <${'0'.repeat(dictionary.placeholderBytes * 2)}>${dictionary.tail} >>`;
  objects.unshift({ num: sigNum, gen: 0, body: sigBody });

  const update = writeIncrementalUpdate(reader, objects);
  return { update, fieldName, ...fillByteRange(update, reader.source.size) };
}

/** SHA-256 of what the `/ByteRange` covers: the whole original, then the update around the placeholder. */
export async function hashByteRange(
  source: ByteSource,
  field: SignatureFieldUpdate,
  onProgress?: ProgressListener,
): Promise<Uint8Array> {
  const hash = createSha256();
  await hashRanges(source, [[0, source.size]], hash, onProgress);
  hash.update(field.update.subarray(0, field.contentsHex[0] - 1));
  hash.update(field.update.subarray(field.contentsHex[1] + 1));
  return hash.digest();
}

const HEX = '0123456789abcdef';

/** A copy of the update with `der` written as hex into the placeholder (the caller checked it fits). */
export function fillContents(field: Pick<SignatureFieldUpdate, 'update' | 'contentsHex'>, der: Uint8Array): Uint8Array {
  const [start] = field.contentsHex;
  const update = field.update.slice();
  for (let i = 0; i < der.length; i++) {
    const byte = der[i] ?? 0;
    update[start + 2 * i] = HEX.charCodeAt(byte >> 4);
    update[start + 2 * i + 1] = HEX.charCodeAt(byte & 0x0f);
  }
  return update;
}

function indexOf(haystack: Uint8Array, needle: string, from = 0): number {
  const bytes = encoder.encode(needle);
  outer: for (let i = from; i <= haystack.length - bytes.length; i++) {
    for (let j = 0; j < bytes.length; j++) if (haystack[i + j] !== bytes[j]) continue outer;
    return i;
  }
  return -1;
}

// Locates the placeholder in the update and writes the final /ByteRange over the padded zeros.
function fillByteRange(
  update: Uint8Array,
  originalSize: number,
): { contentsHex: readonly [number, number]; byteRange: readonly [number, number, number, number] } {
  const rangeAt = indexOf(update, '/ByteRange [');
  const open = indexOf(update, '/Contents <', rangeAt) + '/Contents '.length;
  let close = open + 1;
  while (update[close] !== 0x3e) close++;
  const total = originalSize + update.length;
  const byteRange = [0, originalSize + open, originalSize + close + 1, total - (originalSize + close + 1)] as const;
  const text = `[0 ${padNumber(byteRange[1])} ${padNumber(byteRange[2])} ${padNumber(byteRange[3])}]`;
  update.set(encoder.encode(text), rangeAt + '/ByteRange '.length);
  return { contentsHex: [open + 1, close], byteRange };
}
