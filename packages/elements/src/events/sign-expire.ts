/** Detail of {@link SmartCASignExpireEvent}. */
export interface SmartCASignExpireDetail {
  /** The relay's transaction id. */
  transactionId: string;
}

/**
 * Fired when the approval window (about five minutes) ended with no answer from the user. The widget
 * offers to start again.
 *
 * @example
 * ```ts
 * sign.addEventListener('smartca-sign-expire', () => hint.hidden = false);
 * ```
 */
export class SmartCASignExpireEvent extends Event {
  /** The event's data. */
  readonly detail: SmartCASignExpireDetail;

  constructor(detail: SmartCASignExpireDetail) {
    super('smartca-sign-expire', { bubbles: true, composed: true });
    this.detail = detail;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'smartca-sign-expire': SmartCASignExpireEvent;
  }
}
