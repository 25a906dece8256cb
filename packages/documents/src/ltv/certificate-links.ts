import { AsnConvert } from '@peculiar/asn1-schema';
import {
  AuthorityInfoAccessSyntax,
  CRLDistributionPoints,
  id_ad_caIssuers,
  id_ad_ocsp,
  id_ce_cRLDistributionPoints,
  id_pe_authorityInfoAccess,
  type GeneralName,
} from '@peculiar/asn1-x509';
import type { CertificateInfo } from '../cms/certificate-info.js';

/** Where a certificate says its status and its issuer can be found. */
export interface CertificateLinks {
  /** authorityInfoAccess id-ad-ocsp URLs. */
  ocsp: string[];
  /** authorityInfoAccess id-ad-caIssuers URLs. */
  caIssuers: string[];
  /** cRLDistributionPoints full-name URLs. */
  crl: string[];
}

/** `id-pkix-ocsp-nocheck` (RFC 6960 §4.2.2.2.1): a responder certificate nobody checks for revocation. */
const OCSP_NOCHECK = '1.3.6.1.5.5.7.48.1.5';

const httpUrl = (name: GeneralName): string[] =>
  name.uniformResourceIdentifier && /^https?:\/\//i.test(name.uniformResourceIdentifier)
    ? [name.uniformResourceIdentifier]
    : [];

/** The HTTP(S) URLs in a certificate's AIA and CRL distribution points (LDAP ones are skipped). */
export function linksOf(cert: CertificateInfo): CertificateLinks {
  const links: CertificateLinks = { ocsp: [], caIssuers: [], crl: [] };
  for (const extension of cert.asn.tbsCertificate.extensions ?? []) {
    if (extension.extnID === id_pe_authorityInfoAccess) {
      for (const access of AsnConvert.parse(extension.extnValue, AuthorityInfoAccessSyntax)) {
        if (access.accessMethod === id_ad_ocsp) links.ocsp.push(...httpUrl(access.accessLocation));
        if (access.accessMethod === id_ad_caIssuers) links.caIssuers.push(...httpUrl(access.accessLocation));
      }
    } else if (extension.extnID === id_ce_cRLDistributionPoints) {
      for (const point of AsnConvert.parse(extension.extnValue, CRLDistributionPoints)) {
        for (const name of point.distributionPoint?.fullName ?? []) links.crl.push(...httpUrl(name));
      }
    }
  }
  return links;
}

/** True for an OCSP responder certificate that says it needs no revocation check. */
export function hasOcspNoCheck(cert: CertificateInfo): boolean {
  return (cert.asn.tbsCertificate.extensions ?? []).some((e) => e.extnID === OCSP_NOCHECK);
}

/** Subject and issuer are the same name: a root (trust anchors need no revocation data). */
export function isSelfIssued(cert: CertificateInfo): boolean {
  return equalBytes(
    new Uint8Array(AsnConvert.serialize(cert.asn.tbsCertificate.subject)),
    new Uint8Array(AsnConvert.serialize(cert.asn.tbsCertificate.issuer)),
  );
}

/** Whether `issuer`'s subject is `cert`'s issuer name (a name match; signatures are the validator's job). */
export function namesIssuer(issuer: CertificateInfo, cert: CertificateInfo): boolean {
  return equalBytes(
    new Uint8Array(AsnConvert.serialize(issuer.asn.tbsCertificate.subject)),
    new Uint8Array(AsnConvert.serialize(cert.asn.tbsCertificate.issuer)),
  );
}

export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}
