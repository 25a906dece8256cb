import type { RelayDocument } from '@smartca-kit/sdk/relay-client';

/** Detail of {@link SmartCASignPendingEvent}. */
export interface SmartCASignPendingDetail {
  /** The relay's transaction id. */
  transactionId: string;
  /** When the request expires in the SmartCA app if nobody approves it. */
  expiresAt: Date;
  /** The documents, by the `doc_id` the app shows. */
  documents: RelayDocument[];
  /** True when the widget picked up a transaction started before a reload or a redirect. */
  resumed: boolean;
}

/**
 * Fired when SmartCA has the request and the user must approve it in the SmartCA app.
 *
 * @example
 * ```ts
 * sign.addEventListener('smartca-sign-pending', (e) => analytics.track('sign-pending', e.detail.transactionId));
 * ```
 */
export class SmartCASignPendingEvent extends Event {
  /** The event's data. */
  readonly detail: SmartCASignPendingDetail;

  constructor(detail: SmartCASignPendingDetail) {
    super('smartca-sign-pending', { bubbles: true, composed: true });
    this.detail = detail;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'smartca-sign-pending': SmartCASignPendingEvent;
  }
}
