/** Detail of {@link SmartCASignCancelEvent}. */
export interface SmartCASignCancelDetail {
  /** The relay's transaction id. */
  transactionId: string;
  /**
   * `rejected`: the user refused in the SmartCA app. `cancelled`: the user stopped waiting on the page
   * (SmartCA has no withdrawal, so the request stays in the app until it expires).
   */
  reason: 'rejected' | 'cancelled';
}

/**
 * Fired when the signature will not happen because the user declined it, in the app or on the page.
 *
 * @example
 * ```ts
 * sign.addEventListener('smartca-sign-cancel', (e) => console.info('not signed:', e.detail.reason));
 * ```
 */
export class SmartCASignCancelEvent extends Event {
  /** The event's data. */
  readonly detail: SmartCASignCancelDetail;

  constructor(detail: SmartCASignCancelDetail) {
    super('smartca-sign-cancel', { bubbles: true, composed: true });
    this.detail = detail;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'smartca-sign-cancel': SmartCASignCancelEvent;
  }
}
