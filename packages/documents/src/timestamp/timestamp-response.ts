import { ContentInfo, SignedData } from '@peculiar/asn1-cms';
import { AsnConvert } from '@peculiar/asn1-schema';
import { id_ct_tstInfo, PKIStatus, TimeStampResp, TSTInfo } from '@peculiar/asn1-tsp';
import { ExtendedKeyUsage, id_ce_extKeyUsage } from '@peculiar/asn1-x509';
import { bytesToHex } from '@smartca-kit/sdk/core';
import { certificateInfo, rsaVerifyKey, type CertificateInfo } from '../cms/certificate-info.js';
import { OID } from '../cms/oids.js';
import { set } from '../internal/der.js';
import type { TimestampQuery } from './timestamp-query.js';

/** A timestamp token checked against the query that asked for it. */
export interface TimestampToken {
  /** The token: a DER ContentInfo (SignedData over TSTInfo), what `id-aa-signatureTimeStampToken` carries. */
  der: Uint8Array;
  /** The time the TSA vouches for. */
  genTime: Date;
  /** The token's serial number, lowercase hex. */
  serialNumber: string;
  /** The TSA's policy OID. */
  policy: string;
  /** The TSA's certificate, DER, when the token carries it. */
  tsaCertificate: Uint8Array | undefined;
}

const ID_KP_TIME_STAMPING = '1.3.6.1.5.5.7.3.8';
const HASHES: Record<string, string> = {
  '2.16.840.1.101.3.4.2.1': 'SHA-256',
  '2.16.840.1.101.3.4.2.2': 'SHA-384',
  '2.16.840.1.101.3.4.2.3': 'SHA-512',
};

/** Why an answer was not accepted: a refusal (PKIStatus) or a broken response. */
export type AnswerProblem = { refused: string } | { bad: string };

/**
 * Reads a TimeStampResp and checks it answers `query` for `digest`: status granted, a SignedData
 * over a TSTInfo whose imprint is SHA-256 of `digest` and whose nonce is ours, signed (messageDigest
 * and RSA signature verified) by a certificate with the timeStamping extended key usage.
 */
export async function readTimestampAnswer(
  body: Uint8Array,
  query: TimestampQuery,
  digest: Uint8Array,
): Promise<TimestampToken | AnswerProblem> {
  let response: TimeStampResp;
  try {
    response = AsnConvert.parse(body, TimeStampResp);
  } catch {
    return { bad: 'the answer is not a DER TimeStampResp' };
  }
  const status = response.status.status;
  if (status !== PKIStatus.granted && status !== PKIStatus.grantedWithMods) {
    const text = [...(response.status.statusString ?? [])].join('; ');
    const fail = response.status.failInfo
      ? ` (failInfo ${failBits(new Uint8Array(response.status.failInfo.value), response.status.failInfo.unusedBits)})`
      : '';
    return { refused: `PKIStatus ${PKIStatus[status] ?? status}${fail}${text ? `: ${text}` : ''}` };
  }
  if (!response.timeStampToken) return { bad: 'status granted but no timeStampToken' };
  const der = new Uint8Array(AsnConvert.serialize(response.timeStampToken));
  try {
    return await checkToken(der, query, digest);
  } catch (error) {
    return { bad: `the token cannot be read: ${(error as Error).message}` };
  }
}

async function checkToken(
  der: Uint8Array,
  query: TimestampQuery,
  digest: Uint8Array,
): Promise<TimestampToken | AnswerProblem> {
  const info = AsnConvert.parse(der, ContentInfo);
  if (info.contentType !== OID.signedData) return { bad: 'the token is not a SignedData' };
  const signed = AsnConvert.parse(info.content, SignedData);
  const encap = signed.encapContentInfo;
  const content = encap.eContent?.single?.buffer ?? encap.eContent?.any;
  if (encap.eContentType !== id_ct_tstInfo || !content) return { bad: 'the token does not encapsulate a TSTInfo' };
  const tst = AsnConvert.parse(content, TSTInfo);
  if (
    tst.messageImprint.hashAlgorithm.algorithm !== OID.sha256 ||
    !equal(new Uint8Array(tst.messageImprint.hashedMessage.buffer), digest)
  ) {
    return { bad: 'the token timestamps another imprint than the one sent' };
  }
  if (query.nonce && !(tst.nonce && equal(stripZeros(new Uint8Array(tst.nonce)), stripZeros(query.nonce)))) {
    return { bad: 'the token does not carry the nonce sent (a replayed or mixed-up answer)' };
  }
  const signer = signed.signerInfos[0];
  if (!signer || signed.signerInfos.length !== 1) return { bad: 'the token must have exactly one signer' };
  const certificates = (signed.certificates ?? []).flatMap((c) =>
    c.certificate ? [certificateInfo(new Uint8Array(AsnConvert.serialize(c.certificate)))] : [],
  );
  const sid = signer.sid.issuerAndSerialNumber;
  const tsa = certificates.find(
    (c) =>
      sid !== undefined &&
      equal(new Uint8Array(c.asn.tbsCertificate.serialNumber), new Uint8Array(sid.serialNumber)) &&
      equal(
        new Uint8Array(AsnConvert.serialize(c.asn.tbsCertificate.issuer)),
        new Uint8Array(AsnConvert.serialize(sid.issuer)),
      ),
  );
  if (query.certReq && !tsa) return { bad: 'certReq was set but the token does not carry the TSA certificate' };
  if (tsa) {
    if (!hasTimeStampingUsage(tsa))
      return { bad: `the TSA certificate "${tsa.subject}" lacks the timeStamping extended key usage` };
    const problem = await signatureProblem(signer, new Uint8Array(content), tsa);
    if (problem) return { bad: problem };
  }
  return {
    der,
    genTime: tst.genTime,
    serialNumber: bytesToHex(new Uint8Array(tst.serialNumber)).replace(/^(00)+(?=.)/, ''),
    policy: tst.policy,
    tsaCertificate: tsa?.der,
  };
}

/** RFC 3161 §2.3: the TSA's certificate carries exactly one extended key usage, timeStamping. */
function hasTimeStampingUsage(cert: CertificateInfo): boolean {
  const extension = cert.asn.tbsCertificate.extensions?.find((e) => e.extnID === id_ce_extKeyUsage);
  if (!extension) return false;
  const usages = AsnConvert.parse(extension.extnValue.buffer, ExtendedKeyUsage);
  return usages.includes(ID_KP_TIME_STAMPING);
}

async function signatureProblem(
  signer: SignedData['signerInfos'][number],
  content: Uint8Array,
  tsa: CertificateInfo,
): Promise<string | undefined> {
  const hash = HASHES[signer.digestAlgorithm.algorithm];
  if (!hash) return `the token's digest algorithm ${signer.digestAlgorithm.algorithm} is not supported`;
  const attrs = signer.signedAttrs;
  if (!attrs) return 'the token has no signed attributes';
  const digestAttr = attrs.find((a) => a.attrType === OID.messageDigest)?.attrValues[0];
  const contentDigest = new Uint8Array(await globalThis.crypto.subtle.digest(hash, content.slice()));
  // The attribute value is a DER OCTET STRING; its contents follow a two-byte header for these lengths.
  if (!digestAttr || !equal(new Uint8Array(digestAttr).subarray(2), contentDigest)) {
    return "the token's messageDigest does not match its TSTInfo";
  }
  // The bytes as the TSA encoded them (the [0] IMPLICIT tag back to SET OF), else a re-encoding.
  const raw = signer.signedAttrsRaw ? new Uint8Array(signer.signedAttrsRaw).slice() : undefined;
  if (raw) raw[0] = 0x31;
  const signedDer = raw ?? set(...attrs.map((a) => new Uint8Array(AsnConvert.serialize(a))));
  const key = await rsaVerifyKey(tsa, hash);
  const ok = await globalThis.crypto.subtle.verify(
    'RSASSA-PKCS1-v1_5',
    key,
    new Uint8Array(signer.signature.buffer).slice(),
    signedDer.slice(),
  );
  return ok ? undefined : "the token's signature does not verify with the TSA certificate";
}

function failBits(bytes: Uint8Array, unused: number): string {
  const names = [
    'badAlg',
    '',
    'badRequest',
    '',
    '',
    'badDataFormat',
    '',
    '',
    '',
    '',
    '',
    '',
    '',
    '',
    'timeNotAvailable',
    'unacceptedPolicy',
    'unacceptedExtension',
    'addInfoNotAvailable',
    '',
    '',
    '',
    '',
    '',
    '',
    '',
    'systemFailure',
  ];
  const set: string[] = [];
  for (let bit = 0; bit < bytes.length * 8 - unused; bit++) {
    if (((bytes[bit >> 3] ?? 0) >> (7 - (bit & 7))) & 1) set.push(names[bit] || `bit ${bit}`);
  }
  return set.join(', ') || 'none';
}

function stripZeros(bytes: Uint8Array): Uint8Array {
  let i = 0;
  while (i < bytes.length - 1 && bytes[i] === 0) i++;
  return bytes.subarray(i);
}

function equal(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}
