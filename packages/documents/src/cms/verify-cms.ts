import { signedRanges } from '../hash/signed-content.js';
import { bytesSource, toByteSource, type DocumentInput } from '../source/byte-source.js';
import { DocumentFormatError } from '../errors/document-format-error.js';
import {
  parseSignedData,
  verifySignedData,
  type CmsSignerReport,
  type ParsedSignedData,
  type VerifyOptions,
} from './verify-signed-data.js';

/** The outcome of {@link verifyCms}. */
export interface CmsVerification {
  /** Every signer valid (and at least one). */
  valid: boolean;
  /** One report per signer. */
  signers: CmsSignerReport[];
}

/**
 * Verifies a CMS signature (`.p7s`, DER, BER or PEM) against the content it signs, hashed in 1 MiB
 * chunks: `content` for a detached signature; for one that carries its content (`openssl cms -sign
 * -nodetach`), pass `undefined` to check the carried content. Signers the signature does not carry the
 * certificate of can be checked with `options.certificates`.
 */
export async function verifyCms(
  signature: Uint8Array,
  content: DocumentInput | undefined,
  options: VerifyOptions = {},
): Promise<CmsVerification> {
  let signedData: ParsedSignedData;
  try {
    signedData = parseSignedData(pemToDer(signature));
  } catch (cause) {
    throw new DocumentFormatError({
      code: 'CMS_MALFORMED',
      format: 'cms',
      cause,
      message: {
        vi: 'Tệp chữ ký không phải CMS SignedData (.p7s). Hãy chọn đúng tệp chữ ký tách rời.',
        en: 'The signature file is not CMS SignedData (.p7s). Choose the detached signature file.',
      },
    });
  }
  const source = content !== undefined ? toByteSource(content) : signedData.content && bytesSource(signedData.content);
  if (!source) {
    throw new DocumentFormatError({
      code: 'CMS_CONTENT_MISSING',
      format: 'cms',
      message: {
        vi: 'Chữ ký CMS là chữ ký tách rời (không chứa nội dung): hãy chọn cả tệp gốc đã được ký.',
        en: 'The CMS signature is detached (it does not carry the content): give the original file it signs too.',
      },
    });
  }
  const signers = await verifySignedData(signedData, signedRanges(source, [[0, source.size]]), options);
  return { valid: signers.length > 0 && signers.every((s) => s.valid), signers };
}

function pemToDer(bytes: Uint8Array): Uint8Array {
  if (bytes[0] !== 0x2d) return bytes; // not "-----BEGIN"
  const text = new TextDecoder()
    .decode(bytes)
    .replace(/-----[^-]+-----/g, '')
    .replace(/\s+/g, '');
  return Uint8Array.from(atob(text), (ch) => ch.charCodeAt(0));
}
