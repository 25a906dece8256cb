import type { SignerCertificate } from '../cms/signer.js';
import type { PreparedDocument } from '../prepared-document.js';
import { toByteSource, type DocumentInput } from '../source/byte-source.js';
import { finishPdfUpdate } from './finish.js';
import { preparePdfUpdate, type PdfSignatureOptions } from './prepare.js';

/** A PDF prepared for signing. */
export interface PreparedPdf extends PreparedDocument {
  /** The name of the signature field the update adds (`Signature1`, ...). */
  readonly fieldName: string;
}

/**
 * Prepares a PAdES baseline-B signature (`ETSI.CAdES.detached`) as an incremental update. The
 * original bytes stay an untouched prefix of the output, so earlier signatures remain valid.
 *
 * @example
 * ```ts
 * const prepared = await preparePdf(pdfBytes, certificate, { reason: 'Phê duyệt', location: 'Hà Nội' });
 * const signature = await mySigner(prepared.digestToSign); // raw RSA PKCS#1 v1.5 from SmartCA
 * const signed = await prepared.finish(signature);
 * ```
 */
export async function preparePdf(
  input: DocumentInput,
  signer: SignerCertificate,
  options: PdfSignatureOptions = {},
): Promise<PreparedPdf> {
  const prepared = await preparePdfUpdate(toByteSource(input), signer, options);
  return {
    format: 'pdf',
    digestToSign: prepared.signedAttributes.digestToSign,
    fieldName: prepared.fieldName,
    finish: (signature) => finishPdfUpdate(prepared, signature),
  };
}
