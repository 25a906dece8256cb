import {
  BasicOCSPResponse,
  CertID,
  id_pkix_ocsp_basic,
  OCSPRequest,
  OCSPResponse,
  OCSPResponseStatus,
  Request,
  TBSRequest,
} from '@peculiar/asn1-ocsp';
import { AsnConvert, OctetString } from '@peculiar/asn1-schema';
import { AlgorithmIdentifier } from '@peculiar/asn1-x509';
import type { CertificateInfo } from '../cms/certificate-info.js';
import { equalBytes } from './certificate-links.js';
import { badAnswer, fetchBytes } from './fetch-bytes.js';
import type { RevocationFetchOptions } from './fetch-options.js';
import { RevocationError } from './revocation-error.js';

const SHA1 = '1.3.14.3.2.26';

/** An OCSP answer to embed: the whole OCSPResponse (what /DSS /OCSPs holds) and the certificates it carries. */
export interface OcspAnswer {
  der: Uint8Array;
  /** The responder's certificates (a delegated responder sends its own), DER. */
  certificates: Uint8Array[];
}

async function sha1(bytes: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await globalThis.crypto.subtle.digest('SHA-1', bytes.slice()));
}

/**
 * The RFC 6960 CertID of `cert`: SHA-1 of the issuer's name and of its public key, as every
 * responder understands (SHA-1 here names a certificate, it protects nothing).
 */
async function certIdOf(cert: CertificateInfo, issuer: CertificateInfo): Promise<CertID> {
  const issuerName = new Uint8Array(AsnConvert.serialize(issuer.asn.tbsCertificate.subject));
  const issuerKey = new Uint8Array(issuer.asn.tbsCertificate.subjectPublicKeyInfo.subjectPublicKey);
  return new CertID({
    hashAlgorithm: new AlgorithmIdentifier({ algorithm: SHA1, parameters: null }),
    issuerNameHash: new OctetString((await sha1(issuerName)).buffer),
    issuerKeyHash: new OctetString((await sha1(issuerKey)).buffer),
    serialNumber: cert.asn.tbsCertificate.serialNumber,
  });
}

/**
 * Asks the responder at `url` about `cert` (POST, `application/ocsp-request`) and checks the answer
 * is "successful", a BasicOCSPResponse, and about this certificate. Whether it says good or revoked is
 * embedded as is: judging it is the validator's job, and a revoked answer is evidence too.
 *
 * @throws {@link RevocationError}
 */
export async function fetchOcsp(
  url: string,
  cert: CertificateInfo,
  issuer: CertificateInfo,
  options: RevocationFetchOptions,
): Promise<OcspAnswer> {
  const certId = await certIdOf(cert, issuer);
  const request = new OCSPRequest({ tbsRequest: new TBSRequest({ requestList: [new Request({ reqCert: certId })] }) });
  const body = await fetchBytes(url, 'OCSP', options, {
    body: new Uint8Array(AsnConvert.serialize(request)),
    contentType: 'application/ocsp-request',
    accept: 'application/ocsp-response',
  });
  let basic: BasicOCSPResponse;
  try {
    const response = AsnConvert.parse(body, OCSPResponse);
    if (response.responseStatus !== OCSPResponseStatus.successful) {
      throw badAnswer(url, 'OCSP', `responseStatus ${OCSPResponseStatus[response.responseStatus]}`);
    }
    if (response.responseBytes?.responseType !== id_pkix_ocsp_basic) throw new Error('not a BasicOCSPResponse');
    basic = AsnConvert.parse(response.responseBytes.response, BasicOCSPResponse);
  } catch (error) {
    if (error instanceof RevocationError) throw error;
    throw badAnswer(url, 'OCSP', `not a DER OCSPResponse (${(error as Error).message})`);
  }
  const serial = new Uint8Array(cert.asn.tbsCertificate.serialNumber);
  const about = basic.tbsResponseData.responses.some((single) =>
    equalBytes(new Uint8Array(single.certID.serialNumber), serial),
  );
  if (!about) throw badAnswer(url, 'OCSP', `the answer is not about certificate ${cert.serialNumber}`);
  return {
    der: body,
    certificates: (basic.certs ?? []).map((c) => new Uint8Array(AsnConvert.serialize(c))),
  };
}
