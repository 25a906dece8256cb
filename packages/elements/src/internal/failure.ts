import { RelayRequestError, type BilingualMessage, type RelayErrorCategory } from '@smartca-kit/sdk/relay-client';

/** Why a flow failed, in the shape of the `smartca-error` event. */
export interface Failure {
  category: RelayErrorCategory;
  code: string;
  /** What the person reads: the relay's message for them, never the developers' detail. */
  messages: BilingualMessage;
  recoverable: boolean;
}

/**
 * The failure to show for `error`. A relay answer gives the citizen's message to the page and the
 * developers' detail (which credentials, which field) to the console, where the portal's developers
 * look; anything else is a bug, logged with its trace, and shown as `unexpected`.
 */
export function failureOf(error: unknown, tag: string, unexpected: BilingualMessage): Failure {
  if (error instanceof RelayRequestError) {
    if (error.message !== error.userMessages.en) {
      console.warn(`<${tag}> ${error.code}${error.requestId ? ` (request ${error.requestId})` : ''}: ${error.message}`);
    }
    return { category: error.category, code: error.code, messages: error.userMessages, recoverable: error.recoverable };
  }
  console.error(`<${tag}> unexpected error`, error);
  return { category: 'implementation', code: 'WIDGET_ERROR', recoverable: false, messages: unexpected };
}
