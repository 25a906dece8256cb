import type { BilingualMessage, RelayErrorCategory } from '@smartca-kit/sdk/relay-client';

/** Detail of {@link SmartCAErrorEvent}. */
export interface SmartCAErrorDetail {
  /**
   * What kind of failure: `session` (mint a new token), `turns` (no signing turns left: the buy flow's
   * cue), `certificate`, `provider`, `network` or `implementation` (a missing attribute, a bad relay).
   */
  category: RelayErrorCategory;
  /** A stable code, e.g. `OUT_OF_SIGNING_TURNS`, `TOKEN_EXPIRED`, `RELAY_UNREACHABLE`. */
  code: string;
  /** The message in the widget's language, as shown to the user. */
  message: string;
  /** The message in both languages. */
  messages: BilingualMessage;
  /** Whether trying again can succeed (after buying turns, reconnecting, ...). */
  recoverable: boolean;
  /** The transaction concerned, when there was one. */
  transactionId?: string | undefined;
}

/**
 * Fired when signing fails for a reason other than the user's choice or the clock.
 *
 * @example
 * ```ts
 * sign.addEventListener('smartca-error', (e) => {
 *   if (e.detail.code === 'OUT_OF_SIGNING_TURNS') showTurnPacks();
 * });
 * ```
 */
export class SmartCAErrorEvent extends Event {
  /** The event's data. */
  readonly detail: SmartCAErrorDetail;

  constructor(detail: SmartCAErrorDetail) {
    super('smartca-error', { bubbles: true, composed: true });
    this.detail = detail;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'smartca-error': SmartCAErrorEvent;
  }
}
