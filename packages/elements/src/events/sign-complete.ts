import type { RelaySignature, RelaySignedDocument } from '@smartca-kit/sdk/relay-client';

/** Detail of {@link SmartCASignCompleteEvent}. */
export interface SmartCASignCompleteDetail {
  /** The relay's transaction id. */
  transactionId: string;
  /** One signature per document, verified by the relay against the certificate and the digest. */
  signatures: RelaySignature[];
  /** The signer's certificate, base64 DER. */
  certificate: string;
  /** The issuing chain, base64 DER, issuer first. */
  chain: string[];
  /** The signed document, when the portal's relay finished one (its `onSigned` hook): where to download it. */
  document?: RelaySignedDocument | undefined;
}

/**
 * Fired when the user approved and the relay verified every signature. The signatures are raw
 * RSASSA-PKCS1-v1_5 over the session's digests.
 *
 * @example
 * ```ts
 * sign.addEventListener('smartca-sign-complete', async (e) => {
 *   await fetch('/api/applications/42/signature', { method: 'POST', body: JSON.stringify(e.detail) });
 * });
 * ```
 */
export class SmartCASignCompleteEvent extends Event {
  /** The event's data. */
  readonly detail: SmartCASignCompleteDetail;

  constructor(detail: SmartCASignCompleteDetail) {
    super('smartca-sign-complete', { bubbles: true, composed: true });
    this.detail = detail;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'smartca-sign-complete': SmartCASignCompleteEvent;
  }
}
