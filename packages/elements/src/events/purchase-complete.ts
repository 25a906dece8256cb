import type { RelayBalance, RelayOrder } from '@smartca-kit/sdk/relay-client';

/** Detail of {@link SmartCAPurchaseCompleteEvent}. */
export interface SmartCAPurchaseCompleteDetail {
  /** The paid order: its id, pack, amount and the turns it added. */
  order: RelayOrder;
  /** The balance before paying. */
  before: RelayBalance | undefined;
  /** The balance now. */
  after: RelayBalance;
}

/**
 * Fired when a turn pack was paid and its turns provisioned. Inside `<smartca-sign>` the signature
 * then starts again by itself.
 *
 * @example
 * ```ts
 * buy.addEventListener('smartca-purchase-complete', (e) => {
 *   console.log(`+${e.detail.order.turnsAdded} turns, now ${e.detail.after.availableTurns}`);
 * });
 * ```
 */
export class SmartCAPurchaseCompleteEvent extends Event {
  /** The event's data. */
  readonly detail: SmartCAPurchaseCompleteDetail;

  constructor(detail: SmartCAPurchaseCompleteDetail) {
    super('smartca-purchase-complete', { bubbles: true, composed: true });
    this.detail = detail;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'smartca-purchase-complete': SmartCAPurchaseCompleteEvent;
  }
}
