import { hashSource } from '../hash/sha256.js';
import { toByteSource, type DocumentInput } from '../source/byte-source.js';
import { DocumentFormatError } from '../errors/document-format-error.js';
import { parseSignedData, verifySignedData, type CmsSignerReport, type ParsedSignedData, type VerifyOptions } from './verify-signed-data.js';

/** The outcome of {@link verifyCms}. */
export interface CmsVerification {
  /** Every signer valid (and at least one). */
  valid: boolean;
  /** One report per signer. */
  signers: CmsSignerReport[];
}

/**
 * Verifies a detached CMS signature (`.p7s`, DER or PEM) against the content it signs, hashed in
 * 1 MiB chunks.
 */
export async function verifyCms(signature: Uint8Array, content: DocumentInput, options: VerifyOptions = {}): Promise<CmsVerification> {
  let signedData: ParsedSignedData;
  try {
    signedData = parseSignedData(pemToDer(signature));
  } catch (cause) {
    throw new DocumentFormatError({
      code: 'CMS_MALFORMED', format: 'cms', cause,
      message: {
        vi: 'Tệp chữ ký không phải CMS SignedData (.p7s). Hãy chọn đúng tệp chữ ký tách rời.',
        en: 'The signature file is not CMS SignedData (.p7s). Choose the detached signature file.',
      },
    });
  }
  const signers = await verifySignedData(signedData, await hashSource(toByteSource(content)), options);
  return { valid: signers.length > 0 && signers.every((s) => s.valid), signers };
}

function pemToDer(bytes: Uint8Array): Uint8Array {
  if (bytes[0] !== 0x2d) return bytes; // not "-----BEGIN"
  const text = new TextDecoder().decode(bytes).replace(/-----[^-]+-----/g, '').replace(/\s+/g, '');
  return Uint8Array.from(atob(text), (ch) => ch.charCodeAt(0));
}
