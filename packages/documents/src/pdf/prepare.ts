import { buildSignedAttributes, type SignedAttributes } from '../cms/signed-attributes.js';
import { estimateSignedDataSize } from '../cms/signed-data.js';
import { resolveSigner, type ResolvedSigner, type SignerCertificate } from '../cms/signer.js';
import type { TsaOptions } from '../timestamp/request-timestamp.js';
import {
  PDF_LEVELS,
  TIMESTAMP_RESERVE_BYTES,
  timestampAuthorityOf,
  type LevelOptions,
  type SignatureLevel,
} from '../timestamp/signature-level.js';
import type { ProgressListener } from '../hash/sha256.js';
import type { RevocationFetchOptions } from '../ltv/fetch-options.js';
import type { ByteSource } from '../source/byte-source.js';
import { pdfDate, serialize, textString, type PdfDict, type PdfValue } from './objects.js';
import { PdfReader } from './reader.js';
import { addSignatureField, hashByteRange } from './signature-field.js';

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
  /** How B-LT and B-LTA fetch OCSP answers, CRLs and missing issuer certificates (the fetch, timeouts). */
  ltv?: RevocationFetchOptions | undefined;
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
  /** The TSA that timestamps the signature at finish (level B-T and above), else undefined. */
  tsa: TsaOptions | undefined;
  /** The level to reach at finish: B-LT and B-LTA add incremental updates after the signature. */
  level: SignatureLevel;
  /** How B-LT/B-LTA fetch revocation data. */
  ltv: RevocationFetchOptions | undefined;
}

/**
 * Builds the incremental update that adds one signature (see {@link addSignatureField}) and the
 * signed attributes over what its `/ByteRange` covers. The original bytes are never rewritten, so
 * earlier signatures stay valid.
 */
export async function preparePdfUpdate(
  source: ByteSource,
  signerCertificate: SignerCertificate,
  options: PdfSignatureOptions = {},
): Promise<PreparedPdfUpdate> {
  const signer = resolveSigner(signerCertificate);
  const tsa = timestampAuthorityOf(options, 'pdf', PDF_LEVELS);
  const level = options.level ?? (tsa ? 'B-T' : 'B-B');
  const reader = await PdfReader.open(source);
  const placeholderBytes =
    options.placeholderSize ?? estimateSignedDataSize(signer, 512) + (tsa ? TIMESTAMP_RESERVE_BYTES : 0);
  const descriptive: PdfDict = new Map<string, PdfValue>([['M', pdfDate(options.signingTime ?? new Date())]]);
  const signerName = options.name ?? signer.certificate.commonName;
  if (signerName) descriptive.set('Name', textString(signerName));
  if (options.reason) descriptive.set('Reason', textString(options.reason));
  if (options.location) descriptive.set('Location', textString(options.location));
  if (options.contactInfo) descriptive.set('ContactInfo', textString(options.contactInfo));
  const field = await addSignatureField(
    reader,
    {
      head: '/Type /Sig /Filter /Adobe.PPKLite /SubFilter /ETSI.CAdES.detached',
      tail: `${serialize(descriptive).slice(2, -3)} /Prop_Build << /App << /Name /smartca-kit >> >>`,
      placeholderBytes,
    },
    options.fieldName,
  );
  const contentDigest = await hashByteRange(source, field, options.onProgress);
  const signedAttributes = buildSignedAttributes({ contentDigest, signer });
  return {
    source,
    update: field.update,
    contentsHex: field.contentsHex,
    byteRange: field.byteRange,
    signer,
    signedAttributes,
    fieldName: field.fieldName,
    tsa,
    level,
    ltv: options.ltv,
  };
}
