import { base64ToBytes } from '../../internal/bytes.js';
import type { StatusUpdate } from '../../model/status-update.js';
import type { TransactionStatus } from '../../model/transaction.js';
import type { GatewayTranInfo } from './schemas.js';

/** VNPT's `tranStatus` table (V2 §5.2.5). */
export const TRAN_STATUS = {
  /** The user approved and the hashes are signed. */
  1: 'SUCCESS',
  /** Still waiting for the user to confirm in the SmartCA app. */
  4000: 'WAITING_FOR_SIGNER_CONFIRM',
  /** The user did not confirm within the approval window. */
  4001: 'EXPIRED',
  /** The user rejected the request. */
  4002: 'SIGNER_REJECTED',
  /** SmartCA could not unlock (authorise) the signing key. */
  4003: 'AUTHORIZE_KEY_FAILED',
  /** Signing failed on SmartCA's side. */
  4004: 'SIGN_FAILED',
} as const;

/** `tranStatus` onto the SDK's lifecycle. Unknown codes count as failures, never as success. */
export function gatewayStatus(tranStatus: number): TransactionStatus {
  switch (tranStatus) {
    case 1:
      return 'signed';
    case 4000:
      return 'pending';
    case 4001:
      return 'expired';
    case 4002:
      return 'rejected';
    default:
      return 'failed';
  }
}

/** What `gettraninfo` says of each document beyond its signature, decoded from base64. */
export interface TranDocument {
  /** `name`, as sent. */
  name: string | undefined;
  /** `hash`: what SmartCA signs for the document (for a whole file, the digest SmartCA computed). */
  hash: Uint8Array | undefined;
  /** `dataSigned`: the signed file, for whole-file signing once signed. */
  signedData: Uint8Array | undefined;
}

/** `gettraninfo`'s documents, in order. */
export function gatewayDocuments(info: GatewayTranInfo): TranDocument[] {
  return (info.documents ?? []).map((d) => ({
    name: d.name ?? undefined,
    hash: d.hash ? base64ToBytes(d.hash) : undefined,
    signedData: d.dataSigned ? base64ToBytes(d.dataSigned) : undefined,
  }));
}

/** A `gettraninfo` answer as a {@link StatusUpdate}. Signatures are positional (`documents[i].sig`). */
export function gatewayUpdate(info: GatewayTranInfo, requestId?: string): StatusUpdate {
  const status = gatewayStatus(info.tranStatus);
  const name =
    TRAN_STATUS[info.tranStatus as keyof typeof TRAN_STATUS] ?? info.tranStatusDesc ?? String(info.tranStatus);
  return {
    status,
    wireStatus: name,
    wireCode: info.tranStatus,
    requestId,
    signatures:
      status === 'signed'
        ? (info.documents ?? []).map((d) => ({
            signature: base64ToBytes(d.sig || d.signature || '') ?? new Uint8Array(),
            timestampSignature: null,
          }))
        : undefined,
  };
}
