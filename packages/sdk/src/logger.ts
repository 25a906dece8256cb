/**
 * One event from the SDK's transport. Bodies and URLs are redacted before they reach the logger: every
 * field whose name says secret (`sp_password`, `client_secret`, passwords, OTPs, activation and other
 * verification codes, PINs, `sad`, OAuth2 codes, tokens, secrets and private or API keys) is
 * `[REDACTED]`, at any depth, whatever its spelling (`activationCode`, `activation_code`).
 */
export interface SmartCALogEntry {
  /** What happened: a request is sent, a response arrived, a retry is scheduled, or the call failed. */
  event: 'request' | 'response' | 'retry' | 'error';
  /** The SDK operation, e.g. `sp769.sign` or `gateway.signhash`. */
  operation: string;
  /** HTTP method. */
  method: string;
  /** The URL, with secret query parameters redacted. */
  url: string;
  /** Attempt number, starting at 1. */
  attempt: number;
  /** The request id (server's `x-request-id`, else the id the SDK sent in `x-client-request-id`). */
  requestId: string;
  /** HTTP status, for `response`, `retry` and `error` events when there was a response. */
  status?: number;
  /** Milliseconds since the first attempt started. */
  durationMs?: number;
  /** The redacted request body (`request`) or response body (`response`). */
  body?: unknown;
  /** For `retry` and `error`: the error's name and message. */
  error?: string;
}

/**
 * Receives {@link SmartCALogEntry} events. Pass one as `logger` to `createSmartCA`.
 *
 * @example
 * ```ts
 * const smartca = createSmartCA({ environment: 'uat', credentials, logger: (e) => console.debug(e) });
 * ```
 */
export type SmartCALogger = (entry: SmartCALogEntry) => void;
