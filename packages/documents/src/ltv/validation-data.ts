import { AsnConvert } from '@peculiar/asn1-schema';
import { CertificateList } from '@peculiar/asn1-x509';
import { certificateInfo, type CertificateInfo } from '../cms/certificate-info.js';
import { hasOcspNoCheck, isSelfIssued, linksOf, namesIssuer } from './certificate-links.js';
import { badAnswer, fetchBytes } from './fetch-bytes.js';
import type { RevocationFetchOptions } from './fetch-options.js';
import { fetchOcsp } from './ocsp-client.js';
import { RevocationError } from './revocation-error.js';

/** What a /DSS (or a VRI entry) holds: certificates, OCSP answers and CRLs, each DER. */
export interface ValidationData {
  certificates: Uint8Array[];
  ocsps: Uint8Array[];
  crls: Uint8Array[];
}

const MAX_CHAIN = 10;

/**
 * Gathers the evidence a validator needs, years from now, to check `certificates` (a signer's or a
 * TSA's, with whatever chain they came with): the chain up to its root (missing issuers fetched from
 * caIssuers), and for every certificate below the root an OCSP answer (AIA) and the CRL (CDP) its
 * issuer publishes; likewise for the OCSP responders' own certificates unless they carry ocsp-nocheck.
 * One instance per call: each certificate, and each URL, is fetched once however many signatures share it.
 */
export class ValidationDataCollector {
  readonly #known = new Map<string, CertificateInfo>();
  readonly #checked = new Map<string, Promise<ValidationData>>();
  readonly #crls = new Map<string, Promise<Uint8Array>>();
  readonly #issuers = new Map<string, Promise<Uint8Array>>();

  constructor(private readonly options: RevocationFetchOptions = {}) {}

  /** Adds certificates that may serve as issuers (e.g. every certificate a CMS carries). */
  learn(ders: Iterable<Uint8Array>): void {
    for (const der of ders) {
      try {
        const info = certificateInfo(der);
        this.#known.set(keyOf(info), info);
      } catch {
        // A certificate set may carry things that are not X.509; they are not evidence anyone can use.
      }
    }
  }

  /** The validation data for the chain of `der`: its certificates and their revocation answers. */
  async forCertificate(der: Uint8Array): Promise<ValidationData> {
    const out: ValidationData = { certificates: [], ocsps: [], crls: [] };
    let cert = certificateInfo(der);
    for (let depth = 0; depth < MAX_CHAIN; depth++) {
      this.#known.set(keyOf(cert), cert);
      out.certificates.push(cert.der);
      if (isSelfIssued(cert)) break;
      const issuer = await this.#issuerOf(cert);
      merge(out, await this.#revocation(cert, issuer));
      cert = issuer;
    }
    return out;
  }

  #revocation(cert: CertificateInfo, issuer: CertificateInfo): Promise<ValidationData> {
    const key = keyOf(cert);
    let pending = this.#checked.get(key);
    if (!pending) {
      pending = this.#fetchRevocation(cert, issuer);
      this.#checked.set(key, pending);
    }
    return pending;
  }

  async #fetchRevocation(cert: CertificateInfo, issuer: CertificateInfo): Promise<ValidationData> {
    const out: ValidationData = { certificates: [], ocsps: [], crls: [] };
    const links = linksOf(cert);
    if (links.ocsp.length === 0 && links.crl.length === 0) {
      if (hasOcspNoCheck(cert)) return out;
      throw new RevocationError({
        code: 'REVOCATION_UNAVAILABLE',
        message: {
          vi: `Chứng thư "${cert.subject}" không ghi địa chỉ OCSP hay CRL nào, nên không thể đưa thông tin trạng thái vào tài liệu (mức B-LT).`,
          en: `Certificate "${cert.subject}" names no OCSP responder and no CRL, so no revocation data can be embedded for it (level B-LT).`,
        },
      });
    }
    const [ocspUrl] = links.ocsp;
    if (ocspUrl) {
      const answer = await fetchOcsp(ocspUrl, cert, issuer, this.options);
      out.ocsps.push(answer.der);
      for (const responder of answer.certificates) {
        this.learn([responder]);
        // The responder is a certificate like any other: its chain and status are evidence too.
        const info = certificateInfo(responder);
        if (keyOf(info) !== keyOf(cert)) merge(out, await this.forCertificate(responder));
      }
    }
    const [crlUrl] = links.crl;
    if (crlUrl) out.crls.push(await this.#crl(crlUrl));
    return out;
  }

  #crl(url: string): Promise<Uint8Array> {
    let pending = this.#crls.get(url);
    if (!pending) {
      pending = fetchBytes(url, 'CRL', this.options).then((der) => {
        try {
          AsnConvert.parse(der, CertificateList);
        } catch {
          throw badAnswer(url, 'CRL', 'not a DER CertificateList');
        }
        return der;
      });
      this.#crls.set(url, pending);
    }
    return pending;
  }

  async #issuerOf(cert: CertificateInfo): Promise<CertificateInfo> {
    for (const candidate of this.#known.values()) {
      if (namesIssuer(candidate, cert) && keyOf(candidate) !== keyOf(cert)) return candidate;
    }
    for (const url of linksOf(cert).caIssuers) {
      let pending = this.#issuers.get(url);
      if (!pending) {
        pending = fetchBytes(url, 'caIssuers', this.options);
        this.#issuers.set(url, pending);
      }
      const der = await pending;
      let issuer: CertificateInfo;
      try {
        issuer = certificateInfo(der);
      } catch {
        throw badAnswer(url, 'caIssuers', 'not a DER certificate');
      }
      if (namesIssuer(issuer, cert)) {
        this.#known.set(keyOf(issuer), issuer);
        return issuer;
      }
    }
    throw new RevocationError({
      code: 'REVOCATION_UNAVAILABLE',
      message: {
        vi: `Không tìm được chứng thư của tổ chức cấp "${cert.issuer}" (không có trong chữ ký, không có địa chỉ caIssuers dùng được).`,
        en: `The issuer certificate of "${cert.subject}" ("${cert.issuer}") is neither in the signature nor at a usable caIssuers URL.`,
      },
    });
  }
}

const keyOf = (cert: CertificateInfo): string => `${cert.issuer}#${cert.serialNumber}`;

/** Appends `more` to `into`, skipping byte-identical entries. */
export function merge(into: ValidationData, more: ValidationData): void {
  for (const key of ['certificates', 'ocsps', 'crls'] as const) {
    for (const item of more[key]) if (!into[key].some((have) => sameBytes(have, item))) into[key].push(item);
  }
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}
