import { InvalidInputError } from '@smartca-kit/sdk/core';
import type { ProgressListener } from '../hash/sha256.js';
import type { RevocationFetchOptions } from '../ltv/fetch-options.js';
import { ValidationDataCollector } from '../ltv/validation-data.js';
import { toByteSource, type DocumentInput } from '../source/byte-source.js';
import { concatSource } from '../source/concat-source.js';
import { SignedDocument, type OutputPart } from '../source/signed-document.js';
import type { TsaOptions } from '../timestamp/request-timestamp.js';
import { readStructure } from './document-structure.js';
import { buildDocumentTimestampUpdate } from './document-timestamp.js';
import { buildDssUpdate } from './dss-update.js';
import { PdfReader } from './reader.js';

/** The levels {@link augment} raises a signed PDF to. */
export type AugmentLevel = 'B-LT' | 'B-LTA';

/** Options of {@link augment}. */
export interface AugmentOptions extends RevocationFetchOptions {
  /** The TSA of the document timestamp; required for B-LTA. */
  tsa?: TsaOptions | undefined;
  /** Progress of hashing for the document timestamp, for large files. */
  onProgress?: ProgressListener | undefined;
}

/**
 * Raises a signed PDF (signed by smartca-kit or anyone else) to PAdES B-LT or B-LTA, by incremental
 * updates only, so every earlier signature stays valid:
 * - B-LT appends a /DSS with the certificates, OCSP answers and CRLs of every signature and document
 *   timestamp in the file (fetched now through `options.fetch`, once per certificate), with /VRI entries;
 * - B-LTA then appends a document timestamp over the whole file.
 *
 * Run it again on a B-LTA file before its newest timestamp's certificate expires: it adds the newest
 * DSS data (the last timestamp's included) and a new document timestamp.
 *
 * @throws {@link RevocationError} when revocation data or an issuer certificate cannot be fetched
 * @throws {@link TimestampError} when the TSA fails (B-LTA)
 * @throws `InvalidInputError` (from `@smartca-kit/sdk`) `PDF_NOT_SIGNED`, `SIGNATURE_LEVEL_UNSUPPORTED`, `TSA_URL_REQUIRED`
 * @example
 * ```ts
 * const archived = await augment(signedPdf, 'B-LTA', { tsa: { url: 'http://tsa.vnpt-ca.vn' } });
 * await writeFile('hop-dong.pdf', await archived.toBytes());
 * ```
 */
export async function augment(
  input: DocumentInput | SignedDocument,
  level: AugmentLevel,
  options: AugmentOptions = {},
): Promise<SignedDocument> {
  if (level !== 'B-LT' && level !== 'B-LTA') {
    throw new InvalidInputError({
      code: 'SIGNATURE_LEVEL_UNSUPPORTED',
      field: 'level',
      message: {
        vi: `augment chỉ nâng lên mức "B-LT" hoặc "B-LTA", không phải "${String(level)}".`,
        en: `augment raises a PDF to "B-LT" or "B-LTA", not "${String(level)}".`,
      },
    });
  }
  if (level === 'B-LTA' && !(options.tsa?.url && /^https?:\/\//i.test(options.tsa.url))) {
    throw new InvalidInputError({
      code: 'TSA_URL_REQUIRED',
      field: 'tsa.url',
      message: {
        vi: 'Mức B-LTA cần địa chỉ http(s) của máy chủ dấu thời gian (tsa.url) cho dấu thời gian tài liệu.',
        en: 'Level B-LTA needs the http(s) URL of a timestamp authority (tsa.url) for the document timestamp.',
      },
    });
  }
  const parts: OutputPart[] = input instanceof SignedDocument ? [...input.parts] : [toByteSource(input)];
  const reader = await PdfReader.open(concatSource(parts));
  if ((await readStructure(reader)).signatureFields.length === 0) {
    throw new InvalidInputError({
      code: 'PDF_NOT_SIGNED',
      field: 'pdf',
      message: {
        vi: 'Tệp PDF chưa có chữ ký nào để nâng mức lưu trữ lâu dài (B-LT/B-LTA). Hãy ký trước.',
        en: 'The PDF has no signature to raise to a long-term level (B-LT/B-LTA). Sign it first.',
      },
    });
  }
  parts.push(await buildDssUpdate(reader, new ValidationDataCollector(options)));
  if (level === 'B-LTA') {
    const withDss = await PdfReader.open(concatSource(parts));
    parts.push(await buildDocumentTimestampUpdate(withDss, options.tsa as TsaOptions, options.onProgress));
  }
  return new SignedDocument('pdf', parts);
}
