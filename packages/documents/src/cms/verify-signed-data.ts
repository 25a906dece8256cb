import { ContentInfo, SignedData, type SignerInfo } from '@peculiar/asn1-cms';
import { AsnConvert } from '@peculiar/asn1-schema';
import { Time } from '@peculiar/asn1-x509';
import { base64ToBytes } from '@smartca-kit/sdk/core';
import { childrenOf, compareBytes, readTlv } from '../internal/der.js';
import { berToDer } from '../internal/ber.js';
import type { SignedContent } from '../hash/signed-content.js';
import { certificateInfo, type CertificateInfo, type CertificateSummary } from './certificate-info.js';
import { checkSignature } from './signature-check.js';
import { DIGEST_OIDS, SUBJECT_KEY_IDENTIFIER_OID, type HashName } from './verify-oids.js';

export type { CertificateSummary };
import { OID } from './oids.js';

/**
 * Why a CMS signer is not valid, as a code a program can branch on (the English `problem` says it for
 * a person): the certificate to check with is missing, an algorithm is not implemented here (named by
 * OID in `unsupportedAlgorithm`), the content does not match its digest, or the signature does not verify.
 */
export type CmsProblemCode =
  'SIGNER_CERTIFICATE_MISSING' | 'UNSUPPORTED_ALGORITHM' | 'DIGEST_MISMATCH' | 'SIGNATURE_INVALID';

/** What was found about one CMS signer. */
export interface CmsSignerReport {
  /** True when the content digest matches and the signature verifies (over the signed attributes, or the content). */
  valid: boolean;
  /**
   * The signed content hashes to the `messageDigest` attribute. A signer without signed attributes
   * signs the content itself: then this is the signature check's outcome.
   */
  digestMatches: boolean;
  /** The signature verifies with the signer's key, over the DER signed attributes (or the content when there are none). */
  signatureValid: boolean;
  /** Why `valid` is false, in English (the shape the PDF report's `problem` has); `undefined` when valid. */
  problem: string | undefined;
  /** {@link problem} as a code. */
  problemCode: CmsProblemCode | undefined;
  /** With `UNSUPPORTED_ALGORITHM`: the OID of the algorithm (or curve) that could not be used. */
  unsupportedAlgorithm: string | undefined;
  /** The digest algorithm: `SHA-1`, `SHA-256`, `SHA-384`, `SHA-512`, or the OID of another. */
  digestAlgorithm: string;
  /** The signature algorithm OID as written (`rsaEncryption`, `RSASSA-PSS`, `ecdsa-with-SHA256`…). */
  signatureAlgorithm: string;
  /**
   * Algorithms used that are verified but no longer safe against forgery (`SHA-1`): a policy should
   * refuse such a signature; `valid` only says that it verifies.
   */
  weakAlgorithms: string[];
  /** The signer carried signed attributes (CAdES always does; `openssl cms -sign -noattr` does not). */
  hasSignedAttributes: boolean;
  /** The signer certificate; `undefined` when neither the signature nor `certificates` holds it. */
  signer: CertificateSummary | undefined;
  /** The path built from the certificates carried in the signature (and `certificates`, `trustedRoots`): signer first. */
  chain: CertificateSummary[];
  /** Every certificate in {@link chain} is signed by the next, and the last is self-signed. */
  chainComplete: boolean;
  /** The chain ends at one of `trustedRoots`. `undefined` when no roots were given. */
  trusted: boolean | undefined;
  /** The signing-time attribute, when present (PAdES keeps it in the signature dictionary instead). */
  signingTime: Date | undefined;
  /** The signer certificate was valid at the signing time (or now, when there is none). */
  certificateValidAtSigning: boolean;
}

/** Options for verification. */
export interface VerifyOptions {
  /** Root certificates to trust (DER or PEM). Without them, `trusted` is `undefined`. */
  trustedRoots?: ReadonlyArray<Uint8Array | string> | undefined;
  /**
   * Certificates known from elsewhere (DER or PEM): the signer's, when the signature does not carry
   * it (`openssl cms -sign -nocerts`, an XML KeyInfo without X509Certificate), and intermediates.
   */
  certificates?: ReadonlyArray<Uint8Array | string> | undefined;
}

/** A trusted root as DER (PEM text is unwrapped). */
export function toDer(root: Uint8Array | string): Uint8Array {
  if (typeof root !== 'string') return root;
  return base64ToBytes(root.replace(/-----[^-]+-----/g, '').replace(/\s+/g, '')) ?? new Uint8Array();
}

/** A parsed SignedData, with each signer's signed attributes exactly as encoded (they are what was signed). */
export interface ParsedSignedData {
  signedData: SignedData;
  /** Per signer, the DER `SET OF Attribute` (tag rewritten from [0] to SET), or undefined. */
  signedAttributes: Array<Uint8Array | undefined>;
  /** The encapsulated content (`eContent`), when the signature is not detached. */
  content: Uint8Array | undefined;
}

/**
 * Parses ContentInfo → SignedData, DER or BER (indefinite lengths, content in chunks: streaming
 * signers write it), read as its DER form. Throws on anything else.
 */
export function parseSignedData(encoded: Uint8Array): ParsedSignedData {
  const der = berToDer(encoded);
  const info = AsnConvert.parse(der, ContentInfo);
  if (info.contentType !== OID.signedData) throw new TypeError(`not SignedData: ${info.contentType}`);
  const signedData = AsnConvert.parse(info.content, SignedData);
  // ContentInfo { oid, [0] { SignedData { ..., signerInfos SET } } }: the last child is the signer set.
  const explicit = childrenOf(der, readTlv(der))[1];
  const inner = explicit ? childrenOf(der, explicit)[0] : undefined;
  const signerSet = inner ? childrenOf(der, inner).at(-1) : undefined;
  const signedAttributes = (signerSet ? childrenOf(der, signerSet) : []).map((signerInfo) => {
    const attrs = childrenOf(der, signerInfo).find((child) => child.tag === 0xa0);
    if (!attrs) return undefined;
    const bytes = der.slice(attrs.start, attrs.end);
    bytes[0] = 0x31; // hashed as a SET OF, carried as [0] IMPLICIT
    return bytes;
  });
  const eContent = signedData.encapContentInfo.eContent;
  const content = eContent?.single
    ? new Uint8Array(eContent.single.buffer)
    : eContent?.any
      ? new Uint8Array(eContent.any)
      : undefined;
  return { signedData, signedAttributes, content };
}

/** The report form of a parsed certificate. */
export function summary(info: CertificateInfo): CertificateSummary {
  const { subject, commonName, issuer, serialNumber, notBefore, notAfter, der } = info;
  return { subject, commonName, issuer, serialNumber, notBefore, notAfter, der };
}

function sameBytes(a: ArrayBuffer | Uint8Array, b: ArrayBuffer | Uint8Array): boolean {
  return compareBytes(new Uint8Array(a), new Uint8Array(b)) === 0;
}

function nameDer(info: CertificateInfo, which: 'issuer' | 'subject'): Uint8Array {
  return new Uint8Array(AsnConvert.serialize(info.asn.tbsCertificate[which]));
}

async function signedBy(cert: CertificateInfo, issuer: CertificateInfo): Promise<boolean> {
  if (!sameBytes(nameDer(cert, 'issuer'), nameDer(issuer, 'subject'))) return false;
  const outer = readTlv(cert.der);
  const tbs = readTlv(cert.der, outer.contentStart);
  const check = await checkSignature(
    issuer,
    cert.asn.signatureAlgorithm,
    undefined,
    new Uint8Array(cert.asn.signatureValue),
    cert.der.slice(tbs.start, tbs.end),
  );
  return 'valid' in check && check.valid;
}

/**
 * The path from `signer` through `pool` (carried certificates and trusted roots), checking each
 * signature; `complete` when it ends at a self-signed certificate.
 */
export async function buildChain(
  signer: CertificateInfo,
  pool: CertificateInfo[],
): Promise<{ chain: CertificateInfo[]; complete: boolean }> {
  const chain = [signer];
  for (let current = signer; chain.length < 10;) {
    if (await signedBy(current, current)) return { chain, complete: true };
    let next: CertificateInfo | undefined;
    for (const candidate of pool) {
      if (!chain.includes(candidate) && (await signedBy(current, candidate))) {
        next = candidate;
        break;
      }
    }
    if (!next) return { chain, complete: false };
    chain.push(next);
    current = next;
  }
  return { chain, complete: false };
}

function attributeValue(signerInfo: SignerInfo, type: string): ArrayBuffer | undefined {
  return signerInfo.signedAttrs?.find((attr) => attr.attrType === type)?.attrValues[0];
}

/** The SubjectKeyIdentifier extension's key id, when the certificate has one. */
function subjectKeyId(cert: CertificateInfo): Uint8Array | undefined {
  const extension = cert.asn.tbsCertificate.extensions?.find((ext) => ext.extnID === SUBJECT_KEY_IDENTIFIER_OID);
  if (!extension) return undefined;
  const value = new Uint8Array(extension.extnValue.buffer);
  const span = readTlv(value);
  return value.subarray(span.contentStart, span.end);
}

/** The certificate the SignerIdentifier names: by issuer and serial number, or by subject key identifier. */
export function findSigner(signerInfo: SignerInfo, certificates: CertificateInfo[]): CertificateInfo | undefined {
  const { issuerAndSerialNumber: sid, subjectKeyIdentifier: ski } = signerInfo.sid;
  if (ski) {
    return certificates.find((cert) => {
      const id = subjectKeyId(cert);
      return id !== undefined && sameBytes(id, ski.buffer);
    });
  }
  if (!sid) return undefined;
  const issuer = new Uint8Array(AsnConvert.serialize(sid.issuer));
  return certificates.find(
    (cert) =>
      sameBytes(cert.asn.tbsCertificate.serialNumber, sid.serialNumber) && sameBytes(nameDer(cert, 'issuer'), issuer),
  );
}

/** Certificates from outside (options), skipping anything that does not parse as one. */
function parseCertificates(list: ReadonlyArray<Uint8Array | string> | undefined): CertificateInfo[] {
  return (list ?? []).flatMap((item) => {
    try {
      return [certificateInfo(toDer(item))];
    } catch {
      return [];
    }
  });
}

const WEAK_HASHES = new Set(['SHA-1']);

type Outcome = Pick<
  CmsSignerReport,
  'digestMatches' | 'signatureValid' | 'problem' | 'problemCode' | 'unsupportedAlgorithm'
>;

/** The integrity checks of one signer with its certificate: digest, then signature. */
async function checkSigner(
  signerInfo: SignerInfo,
  signedAttrs: Uint8Array | undefined,
  signer: CertificateInfo,
  content: SignedContent,
): Promise<Outcome & { hash: HashName | undefined }> {
  const digestOid = signerInfo.digestAlgorithm.algorithm;
  const hash = DIGEST_OIDS[digestOid];
  const failed = { digestMatches: false, signatureValid: false, unsupportedAlgorithm: undefined, hash };
  if (!hash) {
    return {
      ...failed,
      problemCode: 'UNSUPPORTED_ALGORITHM',
      unsupportedAlgorithm: digestOid,
      problem: `digest algorithm ${digestOid} is not supported (SHA-1, SHA-256, SHA-384 and SHA-512 are)`,
    };
  }
  const signature = new Uint8Array(signerInfo.signature.buffer);
  let digestMatches: boolean;
  if (signedAttrs) {
    const digestValue = attributeValue(signerInfo, OID.messageDigest);
    const actual = await content.digest(hash);
    digestMatches =
      digestValue !== undefined &&
      sameBytes(new Uint8Array(digestValue).subarray(readTlv(new Uint8Array(digestValue)).contentStart), actual);
  } else {
    digestMatches = true; // decided by the signature, which is over the content itself
  }
  const check = await checkSignature(
    signer,
    signerInfo.signatureAlgorithm,
    digestOid,
    signature,
    signedAttrs ?? (await content.bytes()),
  );
  if ('unsupported' in check) {
    return {
      ...failed,
      digestMatches: signedAttrs ? digestMatches : false,
      problemCode: 'UNSUPPORTED_ALGORITHM',
      unsupportedAlgorithm: check.unsupported,
      problem: check.reason,
    };
  }
  if (!signedAttrs) digestMatches = check.valid;
  if (signedAttrs && !digestMatches) {
    return {
      ...failed,
      signatureValid: check.valid,
      problemCode: 'DIGEST_MISMATCH',
      problem:
        attributeValue(signerInfo, OID.messageDigest) === undefined
          ? 'the signed attributes have no messageDigest'
          : 'the signed content was changed (its digest does not match the messageDigest attribute)',
    };
  }
  if (!check.valid) {
    return {
      ...failed,
      digestMatches,
      problemCode: 'SIGNATURE_INVALID',
      problem: signedAttrs
        ? 'the signature does not verify with the signer certificate'
        : 'the signature does not verify over the content with the signer certificate: the content or the signature was changed',
    };
  }
  return {
    digestMatches,
    signatureValid: true,
    problem: undefined,
    problemCode: undefined,
    unsupportedAlgorithm: undefined,
    hash,
  };
}

/**
 * Checks every signer of a SignedData against the content it signs: RSA (PKCS#1 v1.5 and PSS) and
 * ECDSA (P-256, P-384, P-521) with SHA-1/256/384/512, with or without signed attributes, the signer
 * named by issuer and serial number or by subject key identifier. Never throws for a signer: what
 * cannot be checked is said in its report.
 */
export async function verifySignedData(
  { signedData, signedAttributes }: ParsedSignedData,
  content: SignedContent,
  options: VerifyOptions = {},
): Promise<CmsSignerReport[]> {
  const carried = (signedData.certificates ?? []).flatMap((choice) =>
    choice.certificate ? [certificateInfo(new Uint8Array(AsnConvert.serialize(choice.certificate)))] : [],
  );
  const external = parseCertificates(options.certificates);
  const roots = (options.trustedRoots ?? []).map((root) => certificateInfo(toDer(root)));
  const pool = [...carried, ...external];
  const reports: CmsSignerReport[] = [];
  for (const [index, signerInfo] of signedData.signerInfos.entries()) {
    const signer = findSigner(signerInfo, pool);
    const signedAttrs = signedAttributes[index];
    const digestOid = signerInfo.digestAlgorithm.algorithm;
    const base = {
      digestAlgorithm: DIGEST_OIDS[digestOid] ?? digestOid,
      signatureAlgorithm: signerInfo.signatureAlgorithm.algorithm,
      hasSignedAttributes: signedAttrs !== undefined,
    };
    const timeValue = attributeValue(signerInfo, OID.signingTime);
    const signingTime = timeValue ? AsnConvert.parse(timeValue, Time).getTime() : undefined;
    if (!signer) {
      reports.push({
        ...base,
        valid: false,
        digestMatches: false,
        signatureValid: false,
        problemCode: 'SIGNER_CERTIFICATE_MISSING',
        unsupportedAlgorithm: undefined,
        problem: `the signer certificate (${signerInfo.sid.subjectKeyIdentifier ? 'named by subject key identifier' : 'named by issuer and serial number'}) is neither in the signature nor among the certificates given`,
        weakAlgorithms: [],
        signer: undefined,
        chain: [],
        chainComplete: false,
        trusted: roots.length === 0 ? undefined : false,
        signingTime,
        certificateValidAtSigning: false,
      });
      continue;
    }
    const { hash, ...outcome } = await checkSigner(signerInfo, signedAttrs, signer, content);
    const at = signingTime ?? new Date();
    const { chain, complete } = await buildChain(signer, [...pool, ...roots]);
    const last = chain[chain.length - 1];
    reports.push({
      ...base,
      ...outcome,
      valid: outcome.problemCode === undefined,
      weakAlgorithms: hash && WEAK_HASHES.has(hash) ? [hash] : [],
      signer: summary(signer),
      chain: chain.map(summary),
      chainComplete: complete,
      trusted:
        roots.length === 0
          ? undefined
          : complete && last !== undefined && roots.some((root) => sameBytes(root.der, last.der)),
      signingTime,
      certificateValidAtSigning: signer.notBefore <= at && at <= signer.notAfter,
    });
  }
  return reports;
}
