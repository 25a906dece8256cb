import { ContentInfo, SignedData, type SignerInfo } from '@peculiar/asn1-cms';
import { AsnConvert } from '@peculiar/asn1-schema';
import { Time } from '@peculiar/asn1-x509';
import { base64ToBytes } from '@smartca-kit/sdk/core';
import { childrenOf, compareBytes, readTlv } from '../internal/der.js';
import { certificateInfo, rsaVerifyKey, type CertificateInfo, type CertificateSummary } from './certificate-info.js';

export type { CertificateSummary };
import { OID } from './oids.js';

/** What was found about one CMS signer. */
export interface CmsSignerReport {
  /** True when the content digest matches and the signature verifies over the signed attributes. */
  valid: boolean;
  /** The signed content hashes to the `messageDigest` attribute. */
  digestMatches: boolean;
  /** The RSA signature verifies over the DER signed attributes with the signer's key. */
  signatureValid: boolean;
  /** The signer certificate. */
  signer: CertificateSummary;
  /** The path built from the certificates carried in the signature (and `trustedRoots`): signer first. */
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
}

/** Parses DER ContentInfo → SignedData. Throws on anything else. */
export function parseSignedData(der: Uint8Array): ParsedSignedData {
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
  return { signedData, signedAttributes };
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
  if (cert.asn.signatureAlgorithm.algorithm !== OID.sha256WithRSAEncryption) return false;
  const outer = readTlv(cert.der);
  const tbs = readTlv(cert.der, outer.contentStart);
  try {
    return await crypto.subtle.verify('RSASSA-PKCS1-v1_5', await rsaVerifyKey(issuer),
      new Uint8Array(cert.asn.signatureValue), cert.der.slice(tbs.start, tbs.end));
  } catch {
    return false;
  }
}

/**
 * The path from `signer` through `pool` (carried certificates and trusted roots), checking each
 * signature; `complete` when it ends at a self-signed certificate.
 */
export async function buildChain(signer: CertificateInfo, pool: CertificateInfo[]): Promise<{ chain: CertificateInfo[]; complete: boolean }> {
  const chain = [signer];
  for (let current = signer; chain.length < 10;) {
    if (await signedBy(current, current)) return { chain, complete: true };
    let next: CertificateInfo | undefined;
    for (const candidate of pool) {
      if (!chain.includes(candidate) && await signedBy(current, candidate)) { next = candidate; break; }
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

function findSigner(signerInfo: SignerInfo, certificates: CertificateInfo[]): CertificateInfo | undefined {
  const sid = signerInfo.sid.issuerAndSerialNumber;
  if (!sid) return undefined;
  const issuer = new Uint8Array(AsnConvert.serialize(sid.issuer));
  return certificates.find((cert) => sameBytes(cert.asn.tbsCertificate.serialNumber, sid.serialNumber)
    && sameBytes(nameDer(cert, 'issuer'), issuer));
}

/**
 * Checks every signer of a detached SignedData against the digest of the content it signs. Only
 * SHA-256 with RSA is accepted, the algorithms SmartCA uses.
 */
export async function verifySignedData({ signedData, signedAttributes }: ParsedSignedData, contentDigest: Uint8Array,
  options: VerifyOptions = {}): Promise<CmsSignerReport[]> {
  const carried = (signedData.certificates ?? []).flatMap((choice) =>
    choice.certificate ? [certificateInfo(new Uint8Array(AsnConvert.serialize(choice.certificate)))] : []);
  const roots = (options.trustedRoots ?? []).map((root) => certificateInfo(toDer(root)));
  const reports: CmsSignerReport[] = [];
  for (const [index, signerInfo] of signedData.signerInfos.entries()) {
    const signer = findSigner(signerInfo, carried);
    if (!signer) throw new TypeError('the signer certificate is not in the signature');
    const digestValue = attributeValue(signerInfo, OID.messageDigest);
    const digestMatches = signerInfo.digestAlgorithm.algorithm === OID.sha256 && digestValue !== undefined
      && sameBytes(new Uint8Array(digestValue).subarray(readTlv(new Uint8Array(digestValue)).contentStart), contentDigest);
    let signatureValid = false;
    const signedAttrs = signedAttributes[index];
    if (signedAttrs) {
      try {
        signatureValid = await crypto.subtle.verify('RSASSA-PKCS1-v1_5', await rsaVerifyKey(signer),
          new Uint8Array(signerInfo.signature.buffer), new Uint8Array(signedAttrs));
      } catch {
        signatureValid = false;
      }
    }
    const timeValue = attributeValue(signerInfo, OID.signingTime);
    const signingTime = timeValue ? AsnConvert.parse(timeValue, Time).getTime() : undefined;
    const at = signingTime ?? new Date();
    const { chain, complete } = await buildChain(signer, [...carried, ...roots]);
    const last = chain[chain.length - 1];
    reports.push({
      valid: digestMatches && signatureValid,
      digestMatches, signatureValid,
      signer: summary(signer),
      chain: chain.map(summary),
      chainComplete: complete,
      trusted: roots.length === 0 ? undefined
        : complete && last !== undefined && roots.some((root) => sameBytes(root.der, last.der)),
      signingTime,
      certificateValidAtSigning: signer.notBefore <= at && at <= signer.notAfter,
    });
  }
  return reports;
}
