import type { RelayOrder } from '@smartca-kit/sdk/relay-client';

/** Detail of {@link SmartCAPurchaseRedirectEvent}. */
export interface SmartCAPurchaseRedirectDetail {
  /** The order created; `order.paymentUrl` is the hosted payment page. */
  order: RelayOrder;
}

/**
 * Fired just before the page goes to the payment page; **cancelable**. By default the whole page
 * goes there and comes back to the return URL, where the element picks the order up from
 * sessionStorage. Call `preventDefault()` to open `order.paymentUrl` yourself (a new tab, a popup):
 * the element then follows the payment in place.
 *
 * @example
 * ```ts
 * buy.addEventListener('smartca-purchase-redirect', (e) => {
 *   e.preventDefault();
 *   window.open(e.detail.order.paymentUrl, '_blank', 'noopener');
 * });
 * ```
 */
export class SmartCAPurchaseRedirectEvent extends Event {
  /** The event's data. */
  readonly detail: SmartCAPurchaseRedirectDetail;

  constructor(detail: SmartCAPurchaseRedirectDetail) {
    super('smartca-purchase-redirect', { bubbles: true, composed: true, cancelable: true });
    this.detail = detail;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'smartca-purchase-redirect': SmartCAPurchaseRedirectEvent;
  }
}
