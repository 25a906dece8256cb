import type { RelayDocument } from '@smartca-kit/sdk/relay-client';

/** Detail of {@link SmartCASignStartEvent}. */
export interface SmartCASignStartDetail {
  /** The documents about to be sent for signing. */
  documents: RelayDocument[];
}

/**
 * Fired when the user activates the sign button, before anything is sent. Cancelable: call
 * `preventDefault()` to stop the signature (a form that is not valid yet, a confirmation of your own).
 *
 * @example
 * ```ts
 * sign.addEventListener('smartca-sign-start', (event) => {
 *   if (!form.reportValidity()) event.preventDefault();
 * });
 * ```
 */
export class SmartCASignStartEvent extends Event {
  /** The event's data. */
  readonly detail: SmartCASignStartDetail;

  constructor(detail: SmartCASignStartDetail) {
    super('smartca-sign-start', { bubbles: true, composed: true, cancelable: true });
    this.detail = detail;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'smartca-sign-start': SmartCASignStartEvent;
  }
}
