import {
  RelayRequestError,
  type BilingualMessage,
  type RelayErrorBody,
  type RelayErrorCategory,
} from '@smartca-kit/sdk/relay-client';

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
    if (error.message !== error.userMessages.en) logDetail(tag, error.code, error.requestId, error.message);
    return { category: error.category, code: error.code, messages: error.userMessages, recoverable: error.recoverable };
  }
  console.error(`<${tag}> unexpected error`, error);
  return { category: 'implementation', code: 'WIDGET_ERROR', recoverable: false, messages: unexpected };
}

/** The failure a relay error body reports (a transaction that failed), by the same rule as {@link failureOf}. */
export function failureOfBody(body: RelayErrorBody, tag: string): Failure {
  if (body.detail) logDetail(tag, body.code, body.requestId, body.detail.en);
  return { category: body.category, code: body.code, messages: body.message, recoverable: body.recoverable };
}

function logDetail(tag: string, code: string, requestId: string | undefined, detail: string): void {
  console.warn(`<${tag}> ${code}${requestId ? ` (request ${requestId})` : ''}: ${detail}`);
}
