import {
  parseSignedData,
  verifySignedData,
  type CmsSignerReport,
  type VerifyOptions,
} from '../cms/verify-signed-data.js';
import { signedRanges } from '../hash/signed-content.js';
import type { ProgressListener } from '../hash/sha256.js';
import { DocumentFormatError } from '../errors/document-format-error.js';
import { toByteSource, type ByteSource, type DocumentInput } from '../source/byte-source.js';
import { pdfError } from './errors.js';
import { readStructure } from './document-structure.js';
import { laterChanges, type LaterChanges } from './later-changes.js';
import { decodeTextString, isName, parsePdfDate, PdfString } from './objects.js';
import { PdfReader } from './reader.js';

/** One signature of a PDF, as found and checked. */
export interface PdfSignatureReport {
  /** The signature field's full name. */
  fieldName: string;
  /** `/SubFilter`, e.g. `ETSI.CAdES.detached`. */
  subFilter: string | undefined;
  /** `/ByteRange` as written. */
  byteRange: number[];
  /**
   * The signature verifies, its digest matches the signed bytes, and the byte range is well formed
   * (it starts at 0 and leaves out exactly the `/Contents` string).
   */
  valid: boolean;
  /** Why `valid` is false, in English, when it is. */
  problem: string | undefined;
  /** The CMS check (signer, chain, trust). Undefined when the signature could not be parsed. */
  cms: CmsSignerReport | undefined;
  /** The signature covers the whole file as it is now. */
  coversWholeDocument: boolean;
  /** How many revisions were appended after this signature. */
  laterRevisions: number;
  /** What those revisions changed. */
  changesAfterSigning: LaterChanges;
  /** `/M`, the signing time the signer claimed. */
  signingTime: Date | undefined;
  /** `/Reason`. */
  reason: string | undefined;
  /** `/Location`. */
  location: string | undefined;
  /** `/ContactInfo`. */
  contactInfo: string | undefined;
  /** `/Name`. */
  name: string | undefined;
}

/** The outcome of {@link verifyPdf}. */
export interface PdfVerification {
  /** At least one signature, and every one valid. */
  valid: boolean;
  /** Each signature in the order the form lists them. */
  signatures: PdfSignatureReport[];
}

/** Options of {@link verifyPdf}. */
export interface VerifyPdfOptions extends VerifyOptions {
  /** Progress of hashing, for large files. */
  onProgress?: ProgressListener | undefined;
}

/** The reader, with the signing-side "cannot be signed" answer for an encrypted file turned into a verification one. */
async function openForVerification(source: ByteSource): Promise<PdfReader> {
  try {
    return await PdfReader.open(source);
  } catch (error) {
    if (error instanceof DocumentFormatError && error.code === 'PDF_ENCRYPTED')
      throw pdfError('PDF_ENCRYPTED_UNVERIFIABLE', error);
    throw error;
  }
}

const SUPPORTED = new Set(['ETSI.CAdES.detached', 'adbe.pkcs7.detached']);

/**
 * Lists and checks every signature of a PDF: integrity (digest and RSA signature), the signer and its
 * chain (trusted when `trustedRoots` are given), coverage, and what later revisions changed.
 */
export async function verifyPdf(input: DocumentInput, options: VerifyPdfOptions = {}): Promise<PdfVerification> {
  const source = toByteSource(input);
  const reader = await openForVerification(source);
  const structure = await readStructure(reader);
  const signatures: PdfSignatureReport[] = [];
  for (const { name, signature } of structure.signatureFields) {
    const rangeValue = await reader.resolve(signature.get('ByteRange'));
    const byteRange = Array.isArray(rangeValue) ? rangeValue.map(Number) : [];
    const subFilterValue = signature.get('SubFilter');
    const subFilter = isName(subFilterValue) ? subFilterValue.name : undefined;
    const contents = await reader.resolve(signature.get('Contents'));
    const report: PdfSignatureReport = {
      fieldName: name,
      subFilter,
      byteRange,
      valid: false,
      problem: undefined,
      cms: undefined,
      coversWholeDocument: false,
      laterRevisions: 0,
      changesAfterSigning: 'none',
      signingTime: parsePdfDate(signature.get('M')),
      reason: decodeTextString(signature.get('Reason')),
      location: decodeTextString(signature.get('Location')),
      contactInfo: decodeTextString(signature.get('ContactInfo')),
      name: decodeTextString(signature.get('Name')),
    };
    signatures.push(report);
    const [a = -1, b = -1, c = -1, d = -1] = byteRange;
    if (byteRange.length !== 4 || a !== 0 || b <= 0 || c <= b || d < 0 || c + d > source.size) {
      report.problem = 'malformed /ByteRange';
      continue;
    }
    const gap = await source.read(b, c - b);
    if (gap[0] !== 0x3c || gap[gap.length - 1] !== 0x3e) {
      report.problem = '/ByteRange does not leave out exactly the /Contents string';
      continue;
    }
    if (!subFilter || !SUPPORTED.has(subFilter)) {
      report.problem = `unsupported /SubFilter ${subFilter ?? '(none)'}`;
      continue;
    }
    const { revisions, changes } = await laterChanges(reader, c + d);
    report.laterRevisions = revisions;
    report.changesAfterSigning = changes;
    report.coversWholeDocument = c + d === source.size;
    if (!(contents instanceof PdfString)) {
      report.problem = 'no /Contents';
      continue;
    }
    const signed = signedRanges(
      source,
      [
        [a, b],
        [c, c + d],
      ],
      options.onProgress,
    );
    try {
      const [cms] = await verifySignedData(parseSignedData(contents.bytes), signed, options);
      report.cms = cms;
      report.valid = cms?.valid ?? false;
      if (!cms) report.problem = 'the CMS signature has no signer';
      // A digest mismatch here means the bytes of the PDF the signature covers were changed.
      else if (cms.problemCode === 'DIGEST_MISMATCH')
        report.problem = 'the signed bytes were changed (digest mismatch)';
      else report.problem = cms.problem;
    } catch (error) {
      report.problem = `unreadable CMS signature: ${(error as Error).message}`;
    }
  }
  return { valid: signatures.length > 0 && signatures.every((s) => s.valid), signatures };
}
