import {
  BasicOCSPResponse,
  CertID,
  CertStatus,
  id_pkix_ocsp_basic,
  id_pkix_ocsp_nonce,
  OCSPRequest,
  OCSPResponse,
  OCSPResponseStatus,
  ResponderID,
  ResponseBytes,
  ResponseData,
  RevokedInfo,
  SingleResponse,
} from '@peculiar/asn1-ocsp';
import { AsnConvert, OctetString } from '@peculiar/asn1-schema';
import { AlgorithmIdentifier, Certificate, CRLReason, Extension } from '@peculiar/asn1-x509';
import { bytesToHex } from '@smartca-kit/sdk';
import type { SandboxState } from '../state/types.js';
import { signWithKey } from './cms-signer.js';
import { bufferOf } from './der.js';
import { unb64 } from './encoding.js';
import { revocationOf, type CertificateStatus } from './revocation.js';

const SHA1 = '1.3.14.3.2.26';
const SHA256 = '2.16.840.1.101.3.4.2.1';
const SHA256_WITH_RSA = '1.2.840.113549.1.1.11';
/** How long an answer may be cached: until the next CRL would be, a day. */
const NEXT_UPDATE_MS = 24 * 3600 * 1000;

/**
 * Answers an RFC 6960 OCSPRequest (DER) for certificates of the issuing CA, signed by the delegated
 * responder: `good`, `revoked` (time and reason) or `unknown` per request, the request's nonce echoed.
 * A body that is not an OCSPRequest gets `malformedRequest`, never an exception.
 */
export async function answerOcspRequest(state: SandboxState, body: Uint8Array, now: number): Promise<Uint8Array> {
  const responder = state.authority.ocsp;
  if (!responder) throw new Error('the sandbox authority has no OCSP responder certificate');
  let request: OCSPRequest;
  try {
    request = AsnConvert.parse(body, OCSPRequest);
    if (request.tbsRequest.requestList.length === 0) throw new Error('no request');
  } catch {
    return status(OCSPResponseStatus.malformedRequest);
  }
  const issuer = AsnConvert.parse(unb64(state.authority.issuing.certDer), Certificate);
  const thisUpdate = new Date(Math.floor(now / 1000) * 1000);
  const responses: SingleResponse[] = [];
  for (const { reqCert } of request.tbsRequest.requestList) {
    const known = await issuedBy(reqCert, issuer);
    const found = known ? revocationOf(state, bytesToHex(new Uint8Array(reqCert.serialNumber)), now) : 'unknown';
    responses.push(
      new SingleResponse({
        certID: reqCert,
        certStatus: certStatus(found),
        thisUpdate,
        nextUpdate: new Date(thisUpdate.getTime() + NEXT_UPDATE_MS),
      }),
    );
  }
  const nonce = request.tbsRequest.requestExtensions?.find((e) => e.extnID === id_pkix_ocsp_nonce);
  const responderCert = AsnConvert.parse(unb64(responder.certDer), Certificate);
  const data = new ResponseData({
    responderID: new ResponderID({ byKey: new OctetString(bufferOf(await sha1(keyBits(responderCert)))) }),
    producedAt: thisUpdate,
    responses,
    ...(nonce
      ? {
          responseExtensions: [
            new Extension({ extnID: id_pkix_ocsp_nonce, critical: false, extnValue: nonce.extnValue }),
          ],
        }
      : {}),
  });
  const tbs = new Uint8Array(AsnConvert.serialize(data));
  const basic = new BasicOCSPResponse({
    tbsResponseData: data,
    signatureAlgorithm: new AlgorithmIdentifier({ algorithm: SHA256_WITH_RSA, parameters: null }),
    signature: bufferOf(await signWithKey(responder.keyPkcs8, tbs)),
    // The responder's certificate and its issuer: a client holding only the root can build the path.
    certs: [responderCert, issuer],
  });
  return new Uint8Array(
    AsnConvert.serialize(
      new OCSPResponse({
        responseStatus: OCSPResponseStatus.successful,
        responseBytes: new ResponseBytes({
          responseType: id_pkix_ocsp_basic,
          response: new OctetString(AsnConvert.serialize(basic)),
        }),
      }),
    ),
  );
}

/** An OCSPResponse with only a status (RFC 6960 §4.2.1: no responseBytes when not successful). */
export function status(value: OCSPResponseStatus): Uint8Array {
  return new Uint8Array(AsnConvert.serialize(new OCSPResponse({ responseStatus: value })));
}

function certStatus(found: CertificateStatus): CertStatus {
  if (found === 'unknown') return new CertStatus({ unknown: null });
  if (found === 'good') return new CertStatus({ good: null });
  return new CertStatus({
    revoked: new RevokedInfo({
      revocationTime: new Date(Math.floor(found.at / 1000) * 1000),
      revocationReason: new CRLReason(found.reason),
    }),
  });
}

/** Whether the CertID names the issuing CA, by its name and key hashes in the algorithm the client chose. */
async function issuedBy(id: CertID, issuer: Certificate): Promise<boolean> {
  const hash = id.hashAlgorithm.algorithm === SHA1 ? sha1 : id.hashAlgorithm.algorithm === SHA256 ? sha256 : undefined;
  if (!hash) return false;
  const name = new Uint8Array(AsnConvert.serialize(issuer.tbsCertificate.subject));
  return (
    equal(await hash(name), new Uint8Array(id.issuerNameHash.buffer)) &&
    equal(await hash(keyBits(issuer)), new Uint8Array(id.issuerKeyHash.buffer))
  );
}

/** The subjectPublicKey BIT STRING's contents, which OCSP key hashes cover (RFC 6960 §4.1.1). */
function keyBits(cert: Certificate): Uint8Array {
  return new Uint8Array(cert.tbsCertificate.subjectPublicKeyInfo.subjectPublicKey);
}

async function sha1(bytes: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await globalThis.crypto.subtle.digest('SHA-1', bytes.slice()));
}

async function sha256(bytes: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await globalThis.crypto.subtle.digest('SHA-256', bytes.slice()));
}

function equal(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}
