import type { X509Certificate } from '@peculiar/x509';
import { SignatureVerificationError, type VerificationFailure } from '../errors/signature-verification-error.js';
import { base64ToBytes, constantTimeEqual, toArrayBuffer } from '../internal/bytes.js';
import { rsaPublicNumbers, verifyDigestSignature, type RsaPublicNumbers } from '../crypto/rsa-pkcs1.js';
import { importX509, type X509Module } from '../internal/x509-module.js';
import type { SmartCACertificate } from './certificate.js';

/** A root certificate: DER bytes, base64 DER, or PEM. */
export type TrustAnchor = Uint8Array | string;

/** What {@link verifyCertificate} checks against. */
export interface CertificateCheckOptions {
  /**
   * Roots the chain must end in. When empty, every link SmartCA delivered must still verify, but the
   * result says `trusted: false`: configure the roots of the environment you use for real assurance.
   * (SmartCA TH delivers no root at all, `root_cert: null`; without roots that chain is checked as far
   * as it goes.)
   */
  trustedRoots?: readonly TrustAnchor[] | undefined;
  /** The moment the certificate must be valid at. Default: now. */
  at?: Date | undefined;
}

/** The outcome of a successful {@link verifyCertificate}. */
export interface CertificateCheck {
  /** True when the chain ends in one of the configured roots. */
  trusted: boolean;
  /** The path from the signer to the last certificate reached, signer first. */
  path: X509Certificate[];
}

/**
 * Checks a signer certificate: validity period at `at`, a key usage that allows signing
 * (digitalSignature or nonRepudiation), and a chain whose every link verifies, ending in a configured
 * root.
 *
 * @throws {@link SignatureVerificationError} naming the failed check.
 */
export async function verifyCertificate(
  cert: SmartCACertificate,
  options: CertificateCheckOptions = {},
): Promise<CertificateCheck> {
  const at = options.at ?? new Date();
  if (at < cert.validFrom) fail('certificate-not-yet-valid', cert);
  if (at > cert.validTo) fail('certificate-expired', cert);
  if (!cert.canSign) fail('key-usage', cert);

  // Only chain building needs @peculiar/x509: loaded here, on first use, not when the SDK is imported.
  const x509 = await importX509();
  const roots = (options.trustedRoots ?? []).map((anchor) => parseAnchor(x509, anchor));
  const pool = [...roots, ...cert.chain.map((der) => new x509.X509Certificate(toArrayBuffer(der)))];
  const path = [cert.x509];
  for (let current = cert.x509; path.length <= 8;) {
    if (roots.some((root) => sameCertificate(root, current))) return { trusted: true, path };
    const issuer = await findIssuer(current, pool);
    if (!issuer) {
      const selfSigned = current.subject === current.issuer;
      if (roots.length === 0 && (!selfSigned || (await current.verify({ signatureOnly: true })))) {
        return { trusted: false, path };
      }
      fail('untrusted-chain', cert, undefined, selfSigned ? undefined : missingIssuer(current.issuer));
    }
    if (at < issuer.notBefore || at > issuer.notAfter) fail('untrusted-chain', cert);
    if (sameCertificate(issuer, current)) {
      // A self-signed certificate that is not a configured root.
      if (roots.length === 0) return { trusted: false, path };
      fail('untrusted-chain', cert);
    }
    path.push(issuer);
    current = issuer;
  }
  return fail('untrusted-chain', cert);
}

const keyCache = new WeakMap<SmartCACertificate, Promise<RsaPublicNumbers>>();

/**
 * Checks that `signature` is a valid RSASSA-PKCS1-v1_5 signature by `cert` over the SHA-256 `digest`
 * that was sent to SmartCA.
 *
 * @throws {@link SignatureVerificationError} with reason `signature-mismatch` or `unsupported-key`.
 */
export async function verifySignature(
  cert: SmartCACertificate,
  digest: Uint8Array,
  signature: Uint8Array,
  docId?: string,
): Promise<void> {
  let key = keyCache.get(cert);
  if (!key) {
    key = rsaPublicNumbers(cert.publicKeyInfo);
    keyCache.set(cert, key);
  }
  let numbers: RsaPublicNumbers;
  try {
    numbers = await key;
  } catch {
    return fail('unsupported-key', cert, docId);
  }
  if (!verifyDigestSignature(numbers, digest, signature)) fail('signature-mismatch', cert, docId);
}

async function findIssuer(child: X509Certificate, pool: X509Certificate[]): Promise<X509Certificate | undefined> {
  for (const candidate of pool) {
    if (candidate.subject !== child.issuer) continue;
    if (await child.verify({ publicKey: candidate.publicKey, signatureOnly: true })) return candidate;
  }
  return undefined;
}

function sameCertificate(a: X509Certificate, b: X509Certificate): boolean {
  return constantTimeEqual(new Uint8Array(a.rawData), new Uint8Array(b.rawData));
}

function parseAnchor({ X509Certificate }: X509Module, anchor: TrustAnchor): X509Certificate {
  if (typeof anchor !== 'string') return new X509Certificate(toArrayBuffer(anchor));
  if (anchor.includes('-----BEGIN')) return new X509Certificate(anchor);
  const der = base64ToBytes(anchor);
  if (!der) throw new TypeError('A trusted root must be DER bytes, base64 DER or PEM');
  return new X509Certificate(toArrayBuffer(der));
}

const reasons: Record<VerificationFailure, { vi: string; en: string }> = {
  'signature-mismatch': {
    vi: 'Chữ ký SmartCA trả về không khớp với chứng thư số và giá trị băm đã gửi.',
    en: 'The signature SmartCA returned does not verify against the certificate and the digest that was sent.',
  },
  'signature-malformed': {
    vi: 'Chữ ký SmartCA trả về không đúng định dạng.',
    en: 'The signature SmartCA returned is malformed.',
  },
  'certificate-not-yet-valid': {
    vi: 'Chứng thư số chưa đến thời hạn hiệu lực.',
    en: 'The certificate is not valid yet.',
  },
  'certificate-expired': { vi: 'Chứng thư số đã hết hạn.', en: 'The certificate has expired.' },
  'key-usage': {
    vi: 'Chứng thư số không có mục đích sử dụng ký số (digitalSignature/nonRepudiation).',
    en: 'The certificate does not allow signing (digitalSignature/nonRepudiation key usage).',
  },
  'untrusted-chain': {
    vi: 'Chuỗi chứng thư số không dẫn tới chứng thư gốc tin cậy đã cấu hình.',
    en: 'The certificate chain does not lead to a configured trusted root.',
  },
  'unsupported-key': {
    vi: 'Khóa công khai của chứng thư số không phải RSA.',
    en: 'The certificate public key is not RSA.',
  },
};

/** What to do when no configured root and no delivered certificate issued `issuerDn`. */
function missingIssuer(issuerDn: string): { vi: string; en: string } {
  return {
    vi:
      ` Không chứng thư gốc nào trong trustedRoots, cũng không chứng thư nào SmartCA gửi kèm, là bên cấp "${issuerDn}": ` +
      'hãy thêm chứng thư gốc của chuỗi này vào tùy chọn trustedRoots của createSmartCA.',
    en:
      ` No root in trustedRoots, and no certificate SmartCA delivered, is the issuer "${issuerDn}": ` +
      'add the root of this chain to the trustedRoots option of createSmartCA.',
  };
}

function fail(
  reason: VerificationFailure,
  cert: SmartCACertificate,
  docId?: string,
  detail?: { vi: string; en: string },
): never {
  const text = reasons[reason];
  throw new SignatureVerificationError({
    reason,
    ...(docId === undefined ? {} : { docId }),
    message: {
      vi: `${text.vi} (serial ${cert.serialNumber}${docId ? `, tài liệu ${docId}` : ''})${detail?.vi ?? ''}`,
      en: `${text.en} (serial ${cert.serialNumber}${docId ? `, document ${docId}` : ''})${detail?.en ?? ''}`,
    },
  });
}
