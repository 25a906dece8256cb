import { buildSignedAttributes, type SignedAttributes } from '../cms/signed-attributes.js';
import { estimateSignedDataSize } from '../cms/signed-data.js';
import { resolveSigner, type ResolvedSigner, type SignerCertificate } from '../cms/signer.js';
import type { TsaOptions } from '../timestamp/request-timestamp.js';
import { TIMESTAMP_RESERVE_BYTES, timestampAuthorityOf, type LevelOptions } from '../timestamp/signature-level.js';
import { createSha256, hashRanges, type ProgressListener } from '../hash/sha256.js';
import type { ByteSource } from '../source/byte-source.js';
import { readStructure, uniqueFieldName } from './document-structure.js';
import { generationOf, refTo, writeIncrementalUpdate, type UpdateObject } from './incremental-update.js';
import { isRef, PdfName, pdfDate, serialize, textString, type PdfDict, type PdfRef, type PdfValue } from './objects.js';
import { PdfReader } from './reader.js';

/** How the signature describes itself (all optional; Vietnamese text is fine), and its level. */
export interface PdfSignatureOptions extends LevelOptions {
  /** `/Reason`, e.g. "Tôi đồng ý với nội dung văn bản". */
  reason?: string | undefined;
  /** `/Location`, e.g. "Hà Nội". */
  location?: string | undefined;
  /** `/ContactInfo`: how to reach the signer. */
  contactInfo?: string | undefined;
  /** `/Name`: the signer's name. Default: the certificate's common name. */
  name?: string | undefined;
  /** `/M`, the claimed signing time. Default: now. */
  signingTime?: Date | undefined;
  /** The signature field's name. Default `Signature1`, `Signature2`, ... whichever is free. */
  fieldName?: string | undefined;
  /**
   * Bytes reserved for the CMS signature. Default: sized from the real certificate chain, plus
   * 12 KiB at level B-T for the timestamp token. Only set it for a TSA whose tokens are larger.
   */
  placeholderSize?: number | undefined;
  /** Progress of hashing, for large files. */
  onProgress?: ProgressListener | undefined;
}

/** A PDF ready for its signature: the update to append, and the digest SmartCA must sign. */
export interface PreparedPdfUpdate {
  /** The original document (untouched; the update is appended after it). */
  source: ByteSource;
  /** The incremental update, with a zero-filled `/Contents` placeholder. */
  update: Uint8Array;
  /** `[start, end)` of the placeholder's hex digits inside {@link update} (between `<` and `>`). */
  contentsHex: readonly [number, number];
  /** The `/ByteRange` written into the signature dictionary. */
  byteRange: readonly [number, number, number, number];
  /** The signer, parsed and checked. */
  signer: ResolvedSigner;
  /** The signed attributes; their digest is what SmartCA signs. */
  signedAttributes: SignedAttributes;
  /** The signature field's name. */
  fieldName: string;
  /** The TSA that timestamps the signature at finish (level B-T), else undefined. */
  tsa: TsaOptions | undefined;
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
 * Builds the incremental update that adds one signature: a signature dictionary, an invisible
 * widget on the first page, and new versions of the page (or its `/Annots` array) and of the form
 * (or the catalog, when the form lives inside it). The original bytes are never rewritten, so earlier
 * signatures stay valid.
 */
export async function preparePdfUpdate(
  source: ByteSource,
  signerCertificate: SignerCertificate,
  options: PdfSignatureOptions = {},
): Promise<PreparedPdfUpdate> {
  const signer = resolveSigner(signerCertificate);
  const tsa = timestampAuthorityOf(options, 'pdf');
  const reader = await PdfReader.open(source);
  const structure = await readStructure(reader);
  const fieldName = uniqueFieldName(structure.fieldNames, options.fieldName);

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

  const placeholderBytes =
    options.placeholderSize ?? estimateSignedDataSize(signer, 512) + (tsa ? TIMESTAMP_RESERVE_BYTES : 0);
  const descriptive: PdfDict = new Map<string, PdfValue>([['M', pdfDate(options.signingTime ?? new Date())]]);
  const signerName = options.name ?? signer.certificate.commonName;
  if (signerName) descriptive.set('Name', textString(signerName));
  if (options.reason) descriptive.set('Reason', textString(options.reason));
  if (options.location) descriptive.set('Location', textString(options.location));
  if (options.contactInfo) descriptive.set('ContactInfo', textString(options.contactInfo));
  const placeholderRange = `[0 ${padNumber(0)} ${padNumber(0)} ${padNumber(0)}]`;
  const sigBody =
    `<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /ETSI.CAdES.detached /ByteRange ${placeholderRange}` +
    ` /Contents <${'0'.repeat(placeholderBytes * 2)}>${serialize(descriptive).slice(2, -3)}` +
    ' /Prop_Build << /App << /Name /smartca-kit >> >> >>';
  objects.unshift({ num: sigNum, gen: 0, body: sigBody });

  const update = writeIncrementalUpdate(reader, objects);
  const { contentsHex, byteRange } = fillByteRange(update, source.size);

  const hash = createSha256();
  await hashRanges(source, [[0, source.size]], hash, options.onProgress);
  hash.update(update.subarray(0, contentsHex[0] - 1));
  hash.update(update.subarray(contentsHex[1] + 1));
  const signedAttributes = buildSignedAttributes({ contentDigest: hash.digest(), signer });
  return { source, update, contentsHex, byteRange, signer, signedAttributes, fieldName, tsa };
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
