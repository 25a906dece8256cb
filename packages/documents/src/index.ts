/**
 * `@smartca-kit/documents`: wraps VNPT SmartCA's raw RSA signatures into documents that validators
 * accept (PAdES PDF, detached CMS/CAdES, XMLDSig/XAdES), and verifies them. Works in Node and browsers.
 *
 * @packageDocumentation
 */
export { DocumentFormatError, type DocumentFormat } from './errors/document-format-error.js';
export {
  blobSource,
  bytesSource,
  toByteSource,
  type BlobSource,
  type ByteSource,
  type BytesSource,
  type DocumentInput,
} from './source/byte-source.js';
export { SignedDocument, type OutputPart, type SignedFormat } from './source/signed-document.js';
export type { PreparedDocument } from './prepared-document.js';
export type { SignerCertificate } from './cms/signer.js';
export { createSha256, hashSource, HASH_CHUNK_SIZE, type ProgressListener, type Sha256 } from './hash/sha256.js';
export { preparePdf, type PreparedPdf } from './pdf/index.js';
export type { PdfSignatureOptions } from './pdf/prepare.js';
export { prepareCms, type CmsSignatureOptions } from './cms/detached.js';
export { TimestampError, type TimestampErrorCode } from './timestamp/timestamp-error.js';
export { RevocationError, type RevocationErrorCode } from './ltv/revocation-error.js';
export type { RevocationFetchOptions } from './ltv/fetch-options.js';
export { augment, type AugmentLevel, type AugmentOptions } from './pdf/augment.js';
export {
  requestTimestamp,
  type TimestampOptions,
  type TimestampToken,
  type TsaOptions,
} from './timestamp/request-timestamp.js';
export { TIMESTAMP_RESERVE_BYTES, type LevelOptions, type SignatureLevel } from './timestamp/signature-level.js';
export { verifyPdf, type PdfSignatureReport, type PdfVerification, type VerifyPdfOptions } from './pdf/verify.js';
export type { LaterChanges } from './pdf/later-changes.js';
export { verifyCms, type CmsVerification } from './cms/verify-cms.js';
export type { CertificateSummary, CmsSignerReport, VerifyOptions } from './cms/verify-signed-data.js';
export {
  signCms,
  signDocuments,
  signPdf,
  sniffFormat,
  type DocumentJob,
  type SignDocumentsParams,
  type SignDocumentsResult,
  type SignedDocumentResult,
} from './sign-documents.js';
export {
  MAX_TRANSACTION_SIZE,
  signBatch,
  type BatchDocument,
  type BatchDocumentResult,
  type BatchProgress,
  type SignBatchParams,
  type SignBatchResult,
} from './batch/sign-batch.js';
export { BATCH_JOURNAL_TTL_MS, storeJournal, type BatchJournal } from './batch/batch-journal.js';
export { BatchDocumentError } from './batch/batch-document-error.js';
export {
  prepareXml,
  verifyXml,
  type XadesReport,
  type XmlReferenceReport,
  type XmlSignatureOptions,
  type XmlSignatureReport,
  type XmlVerification,
} from './xml/index.js';
