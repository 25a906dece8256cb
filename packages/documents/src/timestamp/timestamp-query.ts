import { AsnConvert, OctetString } from '@peculiar/asn1-schema';
import { MessageImprint, TimeStampReq } from '@peculiar/asn1-tsp';
import { AlgorithmIdentifier } from '@peculiar/asn1-x509';
import { OID } from '../cms/oids.js';

/** An RFC 3161 query: its DER, and what the answer must echo. */
export interface TimestampQuery {
  der: Uint8Array;
  /** The nonce sent (a positive INTEGER's bytes), or undefined. */
  nonce: Uint8Array | undefined;
  /** Whether the TSA's certificate was asked for. */
  certReq: boolean;
}

/**
 * A TimeStampReq v1 for a SHA-256 imprint, with a random 64-bit nonce (so a replayed answer is
 * noticed) and certReq (so the token carries the TSA's certificate and validators need not find it).
 */
export function buildTimestampQuery(
  digest: Uint8Array,
  options: { nonce: boolean; certReq: boolean; policy?: string | undefined },
): TimestampQuery {
  const nonce = options.nonce ? globalThis.crypto.getRandomValues(new Uint8Array(8)) : undefined;
  // A positive INTEGER with no leading zero byte: top bit clear, first byte not zero.
  if (nonce) nonce[0] = ((nonce[0] as number) & 0x7f) | 0x01;
  const request = new TimeStampReq({
    version: 1,
    messageImprint: new MessageImprint({
      hashAlgorithm: new AlgorithmIdentifier({ algorithm: OID.sha256, parameters: null }),
      hashedMessage: new OctetString(digest.slice().buffer),
    }),
    certReq: options.certReq,
    ...(options.policy ? { reqPolicy: options.policy } : {}),
    ...(nonce ? { nonce: nonce.slice().buffer } : {}),
  });
  return { der: new Uint8Array(AsnConvert.serialize(request)), nonce, certReq: options.certReq };
}
