import { AsnConvert } from '@peculiar/asn1-schema';
import { Certificate, KeyUsage, KeyUsageFlags, type Name } from '@peculiar/asn1-x509';
import { bytesToHex } from '@smartca-kit/sdk/core';
import { OID } from './oids.js';

/** A certificate as verification reports show it. */
export interface CertificateSummary {
  /** Subject DN, RFC 4514 style (`C=VN, ST=..., CN=...`), in encoded order. */
  subject: string;
  /** Subject common name, when present. */
  commonName: string | undefined;
  /** Issuer DN. */
  issuer: string;
  /** Serial number, lowercase hex. */
  serialNumber: string;
  /** Start of validity. */
  notBefore: Date;
  /** End of validity. */
  notAfter: Date;
  /** DER bytes, verbatim. */
  der: Uint8Array;
}

/** What the documents package needs to know about a certificate, parsed once from DER. */
export interface CertificateInfo extends CertificateSummary {
  /** The parsed structure. */
  asn: Certificate;
  /** True when the key usage allows signing documents (digitalSignature or nonRepudiation), or is absent. */
  canSignDocuments: boolean;
}

const NAME_LABELS: Record<string, string> = {
  '2.5.4.3': 'CN',
  '2.5.4.6': 'C',
  '2.5.4.7': 'L',
  '2.5.4.8': 'ST',
  '2.5.4.10': 'O',
  '2.5.4.11': 'OU',
  '0.9.2342.19200300.100.1.1': 'UID',
  '1.2.840.113549.1.9.1': 'E',
  '2.5.4.5': 'SERIALNUMBER',
};

/** A Name as text, in the order it is encoded. */
export function nameToString(name: Name): string {
  return name
    .map((rdn) => rdn.map((atv) => `${NAME_LABELS[atv.type] ?? atv.type}=${atv.value.toString()}`).join('+'))
    .join(', ');
}

function commonNameOf(name: Name): string | undefined {
  for (const rdn of name) for (const atv of rdn) if (atv.type === OID.commonName) return atv.value.toString();
  return undefined;
}

function documentSigningAllowed(cert: Certificate): boolean {
  const extension = cert.tbsCertificate.extensions?.find((ext) => ext.extnID === OID.keyUsage);
  if (!extension) return true;
  const usage = AsnConvert.parse(extension.extnValue, KeyUsage);
  const flags = usage.toNumber();
  return (flags & (KeyUsageFlags.digitalSignature | KeyUsageFlags.nonRepudiation)) !== 0;
}

/** Parses a DER certificate. Throws the parser's error on bytes that are not a certificate. */
export function certificateInfo(der: Uint8Array): CertificateInfo {
  const asn = AsnConvert.parse(der, Certificate);
  const tbs = asn.tbsCertificate;
  return {
    der,
    asn,
    subject: nameToString(tbs.subject),
    commonName: commonNameOf(tbs.subject),
    issuer: nameToString(tbs.issuer),
    serialNumber: bytesToHex(new Uint8Array(tbs.serialNumber)).replace(/^(00)+(?=.)/, ''),
    notBefore: tbs.validity.notBefore.getTime(),
    notAfter: tbs.validity.notAfter.getTime(),
    canSignDocuments: documentSigningAllowed(asn),
  };
}

/** The DER of a certificate's issuer Name, as encoded inside it. */
export function issuerDer(info: CertificateInfo): Uint8Array {
  return new Uint8Array(AsnConvert.serialize(info.asn.tbsCertificate.issuer));
}

/**
 * The subject public key as a WebCrypto RSASSA-PKCS1-v1_5 verification key (SHA-256 unless another
 * hash is named: XML signatures made elsewhere may use rsa-sha1/384/512).
 */
export function rsaVerifyKey(info: CertificateInfo, hash = 'SHA-256'): Promise<CryptoKey> {
  let keys = verifyKeys.get(info);
  if (!keys) verifyKeys.set(info, (keys = new Map()));
  let key = keys.get(hash);
  if (!key) {
    const spki = AsnConvert.serialize(info.asn.tbsCertificate.subjectPublicKeyInfo);
    key = crypto.subtle.importKey('spki', spki, { name: 'RSASSA-PKCS1-v1_5', hash }, false, ['verify']);
    // A key that failed to import is not kept, so the next call reports the failure afresh.
    key.catch(() => keys.delete(hash));
    keys.set(hash, key);
  }
  return key;
}

// Imported keys per parsed certificate and hash: checking each of a batch's signatures imported the
// same key again every time.
const verifyKeys = new WeakMap<CertificateInfo, Map<string, Promise<CryptoKey>>>();
