import { AsnConvert, OctetString } from '@peculiar/asn1-schema';
import {
  Accuracy,
  id_ct_tstInfo,
  MessageImprint,
  PKIFailureInfo,
  PKIFreeText,
  PKIStatus,
  PKIStatusInfo,
  TimeStampReq,
  TimeStampResp,
  TSTInfo,
} from '@peculiar/asn1-tsp';
import { AlgorithmIdentifier } from '@peculiar/asn1-x509';
import type { Authority } from './authority.js';
import { signEncapsulated } from './cms-signer.js';
import { bufferOf, sequence } from './der.js';

/**
 * The sandbox TSA's policy: a UUID OID (X.667 `2.25`), since the sandbox has no registered arc. A
 * request naming another policy is refused (unacceptedPolicy).
 */
export const TSA_POLICY_OID = '2.25.309950011917418262914772608727244028472';

/** The hash algorithms the TSA stamps, with their digest lengths (RFC 3161 §2.4.1 messageImprint). */
const HASHES: Record<string, number> = {
  '1.3.14.3.2.26': 20, // SHA-1: still sent by old clients; the imprint is only echoed, never trusted here
  '2.16.840.1.101.3.4.2.1': 32,
  '2.16.840.1.101.3.4.2.2': 48,
  '2.16.840.1.101.3.4.2.3': 64,
};

/** Why a query was refused: the PKIFailureInfo bit (RFC 3161 §2.4.2) and a text for the statusString. */
export type TimestampFailure = 'badAlg' | 'badRequest' | 'badDataFormat' | 'unacceptedPolicy' | 'unacceptedExtension';

const FAILURE_BITS: Record<TimestampFailure, number> = {
  badAlg: 0,
  badRequest: 2,
  badDataFormat: 5,
  unacceptedPolicy: 15,
  unacceptedExtension: 16,
};

/**
 * Answers one RFC 3161 TimeStampReq (DER) with a DER TimeStampResp: a token over the imprint with
 * genTime `now` (whole seconds, accuracy 1 s), a fresh 128-bit serial, the request's nonce, and the
 * TSA's certificate chain when `certReq`. A query that cannot be honoured gets `rejection` with the
 * reason's failInfo, never an exception.
 */
export async function answerTimestampQuery(authority: Authority, query: Uint8Array, now: number): Promise<Uint8Array> {
  const tsa = authority.tsa;
  if (!tsa) throw new Error('the sandbox authority has no TSA certificate');
  let request: TimeStampReq;
  try {
    request = AsnConvert.parse(query, TimeStampReq);
  } catch {
    return rejection('badDataFormat', 'the body is not a DER TimeStampReq (RFC 3161 §2.4.1)');
  }
  const refused = refusalOf(request);
  if (refused) return rejection(...refused);
  const info = new TSTInfo({
    version: 1,
    policy: TSA_POLICY_OID,
    messageImprint: new MessageImprint({
      hashAlgorithm: new AlgorithmIdentifier({
        algorithm: request.messageImprint.hashAlgorithm.algorithm,
        parameters: request.messageImprint.hashAlgorithm.parameters,
      }),
      hashedMessage: new OctetString(request.messageImprint.hashedMessage.buffer),
    }),
    serialNumber: bufferOf(randomSerial()),
    genTime: new Date(Math.floor(now / 1000) * 1000),
    accuracy: new Accuracy({ seconds: 1 }),
    ordering: false,
    ...(request.nonce ? { nonce: request.nonce } : {}),
  });
  const chain = request.certReq ? [tsa.certDer, authority.issuing.certDer] : [];
  const token = await signEncapsulated(tsa, id_ct_tstInfo, new Uint8Array(AsnConvert.serialize(info)), chain);
  // TimeStampResp ::= SEQUENCE { status, timeStampToken }: written around the token's bytes, since
  // parsing the token back into classes only to serialize it again was most of the time spent here.
  return sequence(new Uint8Array(AsnConvert.serialize(new PKIStatusInfo({ status: PKIStatus.granted }))), token);
}

function refusalOf(request: TimeStampReq): [TimestampFailure, string] | undefined {
  if (request.version !== 1) return ['badRequest', `version ${request.version} is not supported; send v1`];
  const algorithm = request.messageImprint.hashAlgorithm.algorithm;
  const length = HASHES[algorithm];
  if (length === undefined) return ['badAlg', `hash algorithm ${algorithm} is not supported; use SHA-256`];
  if (request.messageImprint.hashedMessage.byteLength !== length) {
    return ['badDataFormat', `the imprint has ${request.messageImprint.hashedMessage.byteLength} bytes, not ${length}`];
  }
  if (request.reqPolicy !== undefined && request.reqPolicy !== TSA_POLICY_OID) {
    return ['unacceptedPolicy', `policy ${request.reqPolicy} is not this TSA's (${TSA_POLICY_OID})`];
  }
  if (request.extensions && request.extensions.length > 0)
    return ['unacceptedExtension', 'no request extension is supported'];
  return undefined;
}

/** A `rejection` TimeStampResp (DER) with one failInfo bit and an English statusString. */
export function rejection(failure: TimestampFailure, text: string): Uint8Array {
  const bit = FAILURE_BITS[failure];
  // A named BIT STRING in DER ends at its last set bit (X.690 §11.2.2).
  const bytes = new Uint8Array(Math.floor(bit / 8) + 1);
  bytes[bytes.length - 1] = 0x80 >> (bit % 8);
  const failInfo = new PKIFailureInfo(bytes, 7 - (bit % 8));
  const status = new PKIStatusInfo({ status: PKIStatus.rejection, statusString: new PKIFreeText([text]), failInfo });
  return new Uint8Array(AsnConvert.serialize(new TimeStampResp({ status })));
}

function randomSerial(): Uint8Array {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(16));
  bytes[0] = ((bytes[0] as number) & 0x7f) | 0x10;
  return bytes;
}
