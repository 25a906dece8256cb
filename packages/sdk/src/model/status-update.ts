import type { RequestOptions, Surface, TransactionStatus } from './transaction.js';

/** What a surface reports about a transaction, already translated from its wire form. */
export interface StatusUpdate {
  /** Where the transaction is in its lifecycle. */
  status: TransactionStatus;
  /** The status as VNPT spelled it: SP769 `message`, or the gateway's `tranStatus` name. */
  wireStatus: string;
  /** The numeric status on the wire, when the surface has one (gateway `tranStatus`). */
  wireCode?: number | undefined;
  /** The request id of the call that produced the update; absent for webhooks. */
  requestId?: string | undefined;
  /** Raw signatures, keyed by `docId` (SP769) or in document order (gateway, `docId` undefined). */
  signatures?:
    | Array<{
        /** The document the signature is for (SP769 `doc_id`); undefined when matched by position. */
        docId?: string | undefined;
        /** The raw signature, decoded from base64 but not yet verified. */
        signature: Uint8Array;
        /** `timestamp_signature` as SmartCA sent it, or null. */
        timestampSignature: string | null;
      }>
    | undefined;
}

/** How a transaction asks its surface for news. Implemented by the SP769 and gateway resources. */
export interface TransactionDriver {
  /** The surface the transaction runs on. */
  readonly surface: Surface;
  /** Asks SmartCA once for the transaction's current status. */
  fetchStatus(options: RequestOptions): Promise<StatusUpdate>;
}
