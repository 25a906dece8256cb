import { ConnectionError } from '../errors/connection-error.js';
import { RequestTimeoutError } from '../errors/request-timeout-error.js';
import { ResponseSchemaError } from '../errors/response-schema-error.js';
import { SmartCAError } from '../errors/smartca-error.js';
import type { SmartCALogger } from '../logger.js';
import { randomId } from './ids.js';
import { sleep } from './sleep.js';
import { deadlineSignal } from './deadline-signal.js';
import { loadZod, type Schema } from './lazy-schema.js';
import { messages } from './messages.js';
import { redact, redactUrl } from './redact.js';

/**
 * How a call may be retried.
 * - `idempotent`: reads, and writes the server deduplicates (SP769 `sign` reuses its `transaction_id`).
 *   Retried on connection errors, timeouts, 408/409/425/429/5xx.
 * - `server-signalled`: writes with no known deduplication. Retried only when the server says the
 *   request was not processed (429 or 503), never on an ambiguous failure.
 * - `never`: single-use inputs (an OAuth2 code, a TOTP `sad`).
 */
export type RetryPolicy = 'idempotent' | 'server-signalled' | 'never';

/** A non-2xx answer, handed to the protocol module that knows how to read it. */
export interface HttpFailure {
  status: number;
  body: unknown;
  requestId: string;
}

/** One HTTP call. Protocol modules build these; nothing else calls `fetch`. */
export interface RequestSpec<T> {
  operation: string;
  url: string;
  json?: unknown;
  form?: Record<string, string>;
  headers?: Record<string, string>;
  schema: Schema<T>;
  retry: RetryPolicy;
  mapError: (failure: HttpFailure) => SmartCAError;
  signal?: AbortSignal | undefined;
  timeout?: number | undefined;
  maxRetries?: number | undefined;
}

/** A validated response. */
export interface TransportResult<T> {
  data: T;
  status: number;
  requestId: string;
}

/** Settings shared by every call of one client. */
export interface TransportConfig {
  fetch?: typeof globalThis.fetch | undefined;
  timeout: number;
  maxRetries: number;
  logger?: SmartCALogger | undefined;
}

// Never retried whatever the policy: the same request would fail the same way (design card §5).
const NEVER_RETRY = new Set([400, 401, 403, 404, 410, 422]);
// Worth another try for calls that are safe to repeat.
const RETRY_STATUSES = new Set([408, 409, 425, 429, 500, 502, 503, 504]);
const SERVER_SAYS_NOT_PROCESSED = new Set([429, 503]);
const MAX_RETRY_AFTER_MS = 60_000;
const FIRST_DELAY_MS = 500;
const MAX_DELAY_MS = 8_000;
const FORM = 'application/x-www-form-urlencoded';

/** Why one attempt did not produce a 2xx answer. */
type AttemptFailure = { kind: 'http'; response: Response } | { kind: 'timeout' } | { kind: 'network'; error: unknown };

/**
 * The SDK's HTTP layer: `fetch` with SmartCA's retry matrix, a timeout per attempt, request ids,
 * redacted logging and typed errors. It was built on ky; ky's Request construction and cloning per
 * call cost more than the ≤ 10 % budget over a bare `fetch` allowed (bench/sdk-overhead.mjs), and the
 * SDK used none of ky's conveniences beyond the retry loop, which is this class's `request`.
 */
export class Transport {
  readonly #config: TransportConfig;

  constructor(config: TransportConfig) {
    this.#config = config;
  }

  /** Sends `spec`, validates the JSON answer against `spec.schema`, and maps every failure to a typed error. */
  async request<T>(spec: RequestSpec<T>): Promise<TransportResult<T>> {
    // Outside Node, zod is fetched before the first answer is parsed (in Node it loads on first parse).
    await loadZod();
    const clientRequestId = randomId();
    const started = performance.now();
    const timeout = spec.timeout ?? this.#config.timeout;
    const log = this.#config.logger;
    const url = log ? redactUrl(spec.url) : spec.url;
    const limit = spec.retry === 'never' ? 0 : (spec.maxRetries ?? this.#config.maxRetries);
    const payload =
      spec.json !== undefined
        ? JSON.stringify(spec.json)
        : spec.form
          ? new URLSearchParams(spec.form).toString()
          : undefined;
    const headers: Record<string, string> = {
      accept: 'application/json',
      'x-client-request-id': clientRequestId,
      ...(payload === undefined ? {} : { 'content-type': spec.json !== undefined ? 'application/json' : FORM }),
      ...spec.headers,
    };
    const fetch = this.#config.fetch ?? globalThis.fetch;

    let response: Response;
    let text: string;
    let attempt = 0;
    for (;;) {
      attempt += 1;
      log?.({
        event: 'request',
        operation: spec.operation,
        method: 'POST',
        url,
        attempt,
        requestId: clientRequestId,
        body: redact(spec.json ?? spec.form),
      });
      // One attempt's signal: its own timeout, and the caller's signal when there is one. It still
      // guards the reading of a failed answer's body, so a stalled error body times out too.
      const deadline = deadlineSignal(timeout, spec.signal);
      const { signal } = deadline;
      let delay: number | undefined;
      try {
        let failure: AttemptFailure;
        try {
          response = await fetch(spec.url, { method: 'POST', headers, body: payload, signal });
          if (response.ok) {
            // Inside the attempt: a body cut mid-stream (the connection dropped, or the timeout struck
            // after the headers) is a failed attempt, retried like any other, not a drifted schema.
            text = await response.text();
            break;
          }
          failure = { kind: 'http', response };
        } catch (error) {
          if (spec.signal?.aborted) throw spec.signal.reason;
          failure = signal.aborted ? { kind: 'timeout' } : { kind: 'network', error };
        }
        delay = attempt <= limit ? retryDelay(spec.retry, failure, attempt) : undefined;
        if (delay === undefined) {
          const mapped = await this.#mapFailure(failure, spec, clientRequestId, timeout);
          log?.({
            event: 'error',
            operation: spec.operation,
            method: 'POST',
            url,
            attempt,
            requestId: mapped.requestId ?? clientRequestId,
            status: mapped.status,
            durationMs: performance.now() - started,
            error: `${mapped.name}: ${mapped.message}`,
          });
          throw mapped;
        }
        log?.({
          event: 'retry',
          operation: spec.operation,
          method: 'POST',
          url,
          attempt,
          requestId: clientRequestId,
          status: failure.kind === 'http' ? failure.response.status : undefined,
          durationMs: performance.now() - started,
          error: describe(failure, timeout),
        });
        // The failed answer's body is not needed: release its connection before waiting.
        if (failure.kind === 'http') void failure.response.body?.cancel().catch(() => undefined);
      } finally {
        deadline.clear();
      }
      await sleep(delay, spec.signal);
    }

    const requestId = response.headers.get('x-request-id') ?? clientRequestId;
    const body = parseJson(text);
    log?.({
      event: 'response',
      operation: spec.operation,
      method: 'POST',
      url,
      attempt,
      requestId,
      status: response.status,
      durationMs: performance.now() - started,
      body: redact(body.value),
    });
    if (!body.ok) throw schemaError(spec.operation, requestId, response.status, [], body.cause);
    const parsed = spec.schema.safeParse(body.value);
    if (!parsed.success) {
      const issues = parsed.error.issues.map((i) => ({ path: [...i.path], message: i.message, code: i.code }));
      throw schemaError(spec.operation, requestId, response.status, issues);
    }
    return { data: parsed.data, status: response.status, requestId };
  }

  async #mapFailure(
    failure: AttemptFailure,
    spec: RequestSpec<unknown>,
    clientRequestId: string,
    timeout: number,
  ): Promise<SmartCAError> {
    if (failure.kind === 'http') {
      const requestId = failure.response.headers.get('x-request-id') ?? clientRequestId;
      const body = await readJson(failure.response);
      return spec.mapError({ status: failure.response.status, body: body.ok ? body.value : undefined, requestId });
    }
    if (failure.kind === 'timeout') {
      return new RequestTimeoutError({
        code: 'REQUEST_TIMEOUT',
        message: messages.timeout(timeout),
        requestId: clientRequestId,
      });
    }
    const { error } = failure;
    const cause = error instanceof Error && error.cause !== undefined ? error.cause : error;
    return new ConnectionError({
      code: 'CONNECTION_ERROR',
      message: messages.connection,
      requestId: clientRequestId,
      cause,
    });
  }
}

/**
 * How long to wait before the next attempt, or undefined when `failure` must not be retried under
 * `policy`: SmartCA's retry matrix, a jittered exponential backoff (0.5 s, 1 s, 2 s … capped at 8 s,
 * each drawn from [50 %, 100 %] so that clients spread out), and the server's Retry-After on 429/503
 * (seconds or an HTTP date, capped at 60 s, not jittered: the server chose the time).
 */
function retryDelay(policy: RetryPolicy, failure: AttemptFailure, attempt: number): number | undefined {
  if (policy === 'never') return undefined;
  if (failure.kind !== 'http') return policy === 'idempotent' ? backoff(attempt) : undefined;
  const { status } = failure.response;
  if (NEVER_RETRY.has(status) || !RETRY_STATUSES.has(status)) return undefined;
  if (policy === 'server-signalled' && !SERVER_SAYS_NOT_PROCESSED.has(status)) return undefined;
  if (SERVER_SAYS_NOT_PROCESSED.has(status)) {
    const after = retryAfterMs(failure.response.headers.get('retry-after'));
    if (after !== undefined) return Math.min(Math.max(0, after), MAX_RETRY_AFTER_MS);
  }
  return backoff(attempt);
}

function backoff(attempt: number): number {
  const delay = FIRST_DELAY_MS * 2 ** (attempt - 1);
  return Math.min(MAX_DELAY_MS, delay * (0.5 + Math.random() * 0.5));
}

/** Retry-After as milliseconds from now: delta-seconds or an HTTP date; undefined when absent or unreadable. */
function retryAfterMs(header: string | null): number | undefined {
  if (header === null || header.trim() === '') return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return seconds * 1000;
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : date - Date.now();
}

function describe(failure: AttemptFailure, timeout: number): string {
  if (failure.kind === 'http') return `HTTP ${failure.response.status}`;
  if (failure.kind === 'timeout') return `TimeoutError: no answer within ${timeout} ms`;
  const { error } = failure;
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

type JsonRead = { ok: true; value: unknown } | { ok: false; value: undefined; cause: unknown };

/** The body of an error answer, if it can be read: it only refines the error, so a failed read is no body. */
async function readJson(response: Response): Promise<JsonRead> {
  let text: string;
  try {
    text = await response.text();
  } catch (cause) {
    return { ok: false, value: undefined, cause };
  }
  return parseJson(text);
}

function parseJson(text: string): JsonRead {
  if (text.trim() === '') return { ok: true, value: undefined };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (cause) {
    return { ok: false, value: undefined, cause };
  }
}

function schemaError(
  operation: string,
  requestId: string,
  status: number,
  issues: ResponseSchemaError['issues'],
  cause?: unknown,
): ResponseSchemaError {
  return new ResponseSchemaError({
    code: 'RESPONSE_SCHEMA_MISMATCH',
    message: messages.schemaDrift(operation),
    status,
    requestId,
    issues,
    operation,
    cause: issues.length === 0 && cause ? new Error('The response body is not JSON') : undefined,
  });
}
