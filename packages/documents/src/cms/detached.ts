import type { PreparedDocument } from '../prepared-document.js';
import { hashSource, type ProgressListener } from '../hash/sha256.js';
import { toByteSource, type DocumentInput } from '../source/byte-source.js';
import { SignedDocument } from '../source/signed-document.js';
import { checkRawSignature } from './check-signature.js';
import { buildSignedAttributes } from './signed-attributes.js';
import { assembleSignedData } from './signed-data.js';
import { resolveSigner, type SignerCertificate } from './signer.js';
import { signatureTimestampAttribute, timestampAuthorityOf, type LevelOptions } from '../timestamp/signature-level.js';

/** Options of {@link prepareCms}. */
export interface CmsSignatureOptions extends LevelOptions {
  /** The signing-time attribute CAdES-B-B carries. Default: now. */
  signingTime?: Date | undefined;
  /** Progress of hashing, for large files. */
  onProgress?: ProgressListener | undefined;
}

/**
 * Prepares a detached CMS signature (CAdES-B-B, DER `.p7s`) over any file: hashed in 1 MiB chunks,
 * never held whole. `openssl cms -verify -binary -inform DER -content <file>` accepts the result.
 * At level B-T (CAdES-T) `finish` timestamps the signature value at the TSA first.
 */
export async function prepareCms(
  input: DocumentInput,
  signer: SignerCertificate,
  options: CmsSignatureOptions = {},
): Promise<PreparedDocument> {
  const resolved = resolveSigner(signer);
  const tsa = timestampAuthorityOf(options, 'cms');
  const contentDigest = await hashSource(toByteSource(input), options.onProgress);
  const signed = buildSignedAttributes({
    contentDigest,
    signer: resolved,
    signingTime: options.signingTime ?? new Date(),
  });
  return {
    format: 'cms',
    digestToSign: signed.digestToSign,
    async finish(signature) {
      await checkRawSignature(resolved, signed, signature);
      const unsigned = tsa ? [await signatureTimestampAttribute(signature, tsa)] : [];
      return new SignedDocument('cms', [assembleSignedData(resolved, signed, signature, unsigned)]);
    },
  };
}
