import type { SmartCACertificate } from '../certificates/certificate.js';

/** Where a transaction lives on VNPT's side. */
export type Surface = 'sp769' | 'sp769-th' | 'gateway';

/**
 * The one lifecycle both SmartCA surfaces map onto. `pending` is VNPT's `sig_wait_for_user_confirm` /
 * `tranStatus` 4000; the other four are final.
 */
export type TransactionStatus = 'pending' | 'signed' | 'rejected' | 'expired' | 'failed';

/** One hash to sign. */
export interface DocumentToSign {
  /**
   * Shown to the user in the SmartCA app next to the request, and the key the signature comes back
   * under. Unique within the transaction.
   */
  docId: string;
  /**
   * The SHA-256 digest to sign: 32 bytes. For a PDF or CMS signature this is the digest of the DER
   * SignedAttributes, not of the file; `@smartca-kit/documents` computes it for you.
   */
  digest: Uint8Array;
  /** `file_type` on SP769 (`pdf`, `xml`, `json`, ...). Informational. Default `pdf`. */
  fileType?: string | undefined;
  /** The document's name (gateway `datas[].name`). Default: `docId`. */
  name?: string | undefined;
}

/** A verified signature for one document. */
export interface DocumentSignature {
  /** The document's id, as sent. */
  docId: string;
  /** The digest that was signed. */
  digest: Uint8Array;
  /** The raw RSASSA-PKCS1-v1_5 signature (not CMS): wrap it before embedding. */
  signature: Uint8Array;
  /** `timestamp_signature` as SmartCA sent it (null in every known example). */
  timestampSignature: string | null;
}

/** A point-in-time view of a transaction. */
export interface TransactionSnapshot {
  /** The partner's id: SP769 `transaction_id`, gateway `refTranId`. */
  id: string;
  /** VNPT's id: SP769 `tran_code`, gateway `tranId`. */
  providerId: string | undefined;
  /** The surface the transaction runs on. */
  surface: Surface;
  /** Where the transaction is in its lifecycle. */
  status: TransactionStatus;
  /** The status as VNPT spelled it (`SUCCESS`, `sig_wait_for_user_confirm`, `4002 SIGNER_REJECTED`, ...). */
  wireStatus: string;
  /** The numeric status on the wire, when the surface has one (gateway `tranStatus`). */
  wireCode: number | undefined;
  /** The request id of the call that produced this snapshot. */
  requestId: string | undefined;
}

/** A finished, verified transaction. */
export interface SignedTransaction extends TransactionSnapshot {
  status: 'signed';
  /** One verified signature per document, in the order the documents were sent. */
  signatures: DocumentSignature[];
  /** The certificate that signed, with its chain. */
  certificate: SmartCACertificate;
}

/** Per-call options every SDK method accepts. */
export interface RequestOptions {
  /** Cancels the call (and its retries). */
  signal?: AbortSignal | undefined;
  /** Per-attempt timeout in milliseconds; overrides the client's. */
  timeout?: number | undefined;
  /** Retries for this call; overrides the client's `maxRetries`. */
  maxRetries?: number | undefined;
}
