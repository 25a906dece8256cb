import { InvalidInputError } from '@smartca-kit/sdk/core';
import { certificateInfo, type CertificateInfo } from './certificate-info.js';

/**
 * The certificate that signs, with its issuing chain (issuer first, root last; the root may be
 * missing). A `SmartCACertificate` from `@smartca-kit/sdk` has exactly this shape.
 */
export interface SignerCertificate {
  /** The signer certificate, DER. */
  der: Uint8Array;
  /** The issuing chain, DER, issuer first. Goes into the signature so validators can build the path. */
  chain?: readonly Uint8Array[] | undefined;
}

/** A signer certificate parsed and checked for document signing. */
export interface ResolvedSigner {
  /** The signer certificate. */
  certificate: CertificateInfo;
  /** Signer first, then its chain: what the CMS certificate set carries. */
  certificates: Uint8Array[];
}

// Each certificate's bytes parsed once: a batch prepares thousands of documents for one certificate
// object, and parsing it every time was a measurable share of the batch (bench/batch-signing.mjs).
// Keyed by the bytes' identity: certificates are never modified in place.
const parsed = new WeakMap<Uint8Array, CertificateInfo>();

/** Parses the signer and refuses a certificate whose key usage does not allow signing documents. */
export function resolveSigner(signer: SignerCertificate): ResolvedSigner {
  let certificate: CertificateInfo;
  try {
    certificate = parsed.get(signer.der) ?? certificateInfo(signer.der);
    parsed.set(signer.der, certificate);
  } catch (cause) {
    throw new InvalidInputError({
      code: 'CERTIFICATE_MALFORMED',
      field: 'certificate',
      cause,
      message: {
        vi: 'Chứng thư số không đọc được (không phải X.509 DER). Hãy truyền chứng thư do SmartCA trả về.',
        en: 'The certificate cannot be read (not X.509 DER). Pass the certificate SmartCA returned.',
      },
    });
  }
  if (!certificate.canSignDocuments) {
    throw new InvalidInputError({
      code: 'CERTIFICATE_KEY_USAGE',
      field: 'certificate',
      message: {
        vi: `Chứng thư "${certificate.subject}" không có quyền ký tài liệu (thiếu digitalSignature/nonRepudiation). Hãy chọn chứng thư ký số cá nhân hoặc con dấu số.`,
        en: `Certificate "${certificate.subject}" may not sign documents (its key usage lacks digitalSignature/nonRepudiation). Choose a personal signing or e-seal certificate.`,
      },
    });
  }
  return { certificate, certificates: [signer.der, ...(signer.chain ?? [])] };
}
