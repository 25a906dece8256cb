/**
 * `@smartca-kit/documents`: wraps VNPT SmartCA's raw RSA signatures into documents that validators
 * accept (PAdES PDF, detached CMS/CAdES, XMLDSig/XAdES), and verifies them. Works in Node and browsers.
 *
 * @packageDocumentation
 */
export { DocumentFormatError, type DocumentFormat } from './errors/document-format-error.js';
export { blobSource, bytesSource, toByteSource, type ByteSource, type DocumentInput } from './source/byte-source.js';
export { SignedDocument, type OutputPart, type SignedFormat } from './source/signed-document.js';
export type { PreparedDocument } from './prepared-document.js';
export type { SignerCertificate } from './cms/signer.js';
export { createSha256, hashSource, HASH_CHUNK_SIZE, type ProgressListener, type Sha256 } from './hash/sha256.js';
export { preparePdf } from './pdf/index.js';
export type { PdfSignatureOptions } from './pdf/prepare.js';
export { prepareCms, type CmsSignatureOptions } from './cms/detached.js';
export { prepareXml, verifyXml, type XadesReport, type XmlReferenceReport, type XmlSignatureOptions,
  type XmlSignatureReport } from './xml/index.js';
export type { CertificateSummary, VerifyOptions } from './cms/verify-signed-data.js';
