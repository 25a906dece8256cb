import type { TransactionStatus } from './transaction.js';

/** A webhook body as received: the raw text or bytes, or JSON your framework already parsed. */
export type WebhookBody = string | Uint8Array | ArrayBuffer | Record<string, unknown>;

/** The SP769 webhook (V1 §3.5), parsed. Signatures are not yet verified: route it to a transaction for that. */
export interface Sp769WebhookEvent {
  /** Which callback this is: always `sp769`. */
  kind: 'sp769';
  /** `sp_id`: must be yours. */
  spId: string;
  /** `transaction_id`, the partner's id. */
  transactionId: string | undefined;
  /** The lifecycle status `message` maps to. */
  status: TransactionStatus;
  /** `status_code` as sent. */
  statusCode: number;
  /** `message` as sent, e.g. `SUCCESS`. */
  wireStatus: string;
  /** Raw signatures by `doc_id`. */
  signedFiles: Array<{
    /** `doc_id`: the document the signature is for. */
    docId: string;
    /** `signature_value`, decoded from base64 but not yet verified. */
    signature: Uint8Array;
    /** `timestamp_signature` as sent, or null. */
    timestampSignature: string | null;
  }>;
}

/** The gateway's `notifyUrl` callback (V2 §5.2.3), parsed. It carries no signature. */
export interface GatewayNotifyEvent {
  /** Which callback this is: always `gateway`. */
  kind: 'gateway';
  /** VNPT's id for the transaction (`tranId` on the wire). */
  providerId: string;
  /** Your id for it (`refTranId` on the wire), when you sent one. */
  transactionId: string | undefined;
  /** @deprecated Use {@link GatewayNotifyEvent.providerId}. */
  tranId: string;
  /** @deprecated Use {@link GatewayNotifyEvent.transactionId}. */
  refTranId: string | undefined;
  /** The lifecycle status `status` maps to. */
  status: TransactionStatus;
  /** `status` as sent (a `tranStatus` code). */
  wireCode: number;
  /** The code's name in {@link TRAN_STATUS} (e.g. `SIGNER_REJECTED`), or the code itself when unknown. */
  wireStatus: string;
}

/** What {@link WebhooksResource.receiveSp769} and {@link WebhooksResource.receiveGatewayNotify} return. */
export interface WebhookReceipt<E> {
  /** The parsed callback. */
  event: E;
  /** True when a transaction of this client was waiting for it. */
  matched: boolean;
  /**
   * Settles once the callback is on the client's store channel, for the instances that wait on the
   * transaction (with a shared store, the one holding the page's long poll may be another). Rejects
   * with `StoreError` when the store could not take it: answer 5xx so that the sender retries. Nobody
   * has to await it.
   */
  forwarded: Promise<void>;
}
