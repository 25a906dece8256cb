import ky, { HTTPError, TimeoutError as KyTimeoutError, type Options as KyOptions } from 'ky';
import type { ZodType } from 'zod';
import { ConnectionError } from '../errors/connection-error.js';
import { RequestTimeoutError } from '../errors/request-timeout-error.js';
import { ResponseSchemaError } from '../errors/response-schema-error.js';
import { SmartCAError } from '../errors/smartca-error.js';
import type { SmartCALogger } from '../logger.js';
import { randomId } from './ids.js';
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

/** One HTTP call. Protocol modules build these; nothing else talks to ky. */
export interface RequestSpec<T> {
  operation: string;
  url: string;
  json?: unknown;
  form?: Record<string, string>;
  headers?: Record<string, string>;
  schema: ZodType<T>;
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
const SERVER_SAYS_NOT_PROCESSED = new Set([429, 503]);
const MAX_RETRY_AFTER_MS = 60_000;
const FORM = 'application/x-www-form-urlencoded';

/** The SDK's HTTP layer: ky with SmartCA's retry matrix, request ids, redacted logging and typed errors. */
export class Transport {
  readonly #config: TransportConfig;
  readonly #retryCache = new Map<string, KyOptions['retry']>();

  constructor(config: TransportConfig) {
    this.#config = config;
  }

  /** Sends `spec`, validates the JSON answer against `spec.schema`, and maps every failure to a typed error. */
  async request<T>(spec: RequestSpec<T>): Promise<TransportResult<T>> {
    const clientRequestId = randomId();
    const started = performance.now();
    const timeout = spec.timeout ?? this.#config.timeout;
    const log = this.#config.logger;
    const url = log ? redactUrl(spec.url) : spec.url;
    let attempt = 0;

    const payload = spec.json !== undefined ? JSON.stringify(spec.json)
      : spec.form ? new URLSearchParams(spec.form).toString() : undefined;
    const headers: Record<string, string> = { accept: 'application/json', 'x-client-request-id': clientRequestId,
      ...(payload === undefined ? {} : { 'content-type': spec.json !== undefined ? 'application/json' : FORM }), ...spec.headers };
    const baseFetch = this.#config.fetch ?? globalThis.fetch;
    const options: KyOptions = {
      method: 'post',
      headers,
      timeout,
      retry: this.#retryOptions(spec.retry, spec.maxRetries ?? this.#config.maxRetries),
      throwHttpErrors: true,
      // ky builds and clones a body-less Request for its retries; the body is added here as the string it
      // already is. Handing undici a string instead of a teed stream halves ky's cost per call.
      fetch: (input) => {
        const request = input as Request;
        return baseFetch(request.url, { method: 'POST', headers, body: payload, signal: request.signal });
      },
    };
    if (spec.signal) options.signal = spec.signal;
    if (log) {
      options.hooks = {
        beforeRequest: [
          () => {
            attempt += 1;
            log({ event: 'request', operation: spec.operation, method: 'POST', url, attempt,
              requestId: clientRequestId, body: redact(spec.json ?? spec.form) });
          },
        ],
        beforeRetry: [
          ({ error }) => {
            log({ event: 'retry', operation: spec.operation, method: 'POST', url, attempt,
              requestId: clientRequestId, status: error instanceof HTTPError ? error.response.status : undefined,
              durationMs: performance.now() - started, error: `${error.name}: ${error.message}` });
          },
        ],
      };
    }

    let response: Response;
    try {
      response = await ky(spec.url, options);
    } catch (error) {
      const mapped = await this.#mapFailure(error, spec, clientRequestId, timeout);
      log?.({ event: 'error', operation: spec.operation, method: 'POST', url, attempt,
        requestId: mapped.requestId ?? clientRequestId, status: mapped.status,
        durationMs: performance.now() - started, error: `${mapped.name}: ${mapped.message}` });
      throw mapped;
    }

    const requestId = response.headers.get('x-request-id') ?? clientRequestId;
    const body = await readJson(response);
    log?.({ event: 'response', operation: spec.operation, method: 'POST', url, attempt, requestId,
      status: response.status, durationMs: performance.now() - started, body: redact(body.value) });
    if (!body.ok) throw schemaError(spec.operation, requestId, response.status, [], body.cause);
    const parsed = spec.schema.safeParse(body.value);
    if (!parsed.success) {
      const issues = parsed.error.issues.map((i) => ({ path: [...i.path], message: i.message, code: i.code }));
      throw schemaError(spec.operation, requestId, response.status, issues);
    }
    return { data: parsed.data, status: response.status, requestId };
  }

  #retryOptions(policy: RetryPolicy, maxRetries: number): KyOptions['retry'] {
    const key = `${policy}:${maxRetries}`;
    let options = this.#retryCache.get(key);
    if (!options) {
      options = retryOptions(policy, policy === 'never' ? 0 : maxRetries);
      this.#retryCache.set(key, options);
    }
    return options;
  }

  async #mapFailure(error: unknown, spec: RequestSpec<unknown>, clientRequestId: string, timeout: number) {
    if (error instanceof SmartCAError) return error;
    if (error instanceof HTTPError) {
      const requestId = error.response.headers.get('x-request-id') ?? clientRequestId;
      const body = await readJson(error.response);
      return spec.mapError({ status: error.response.status, body: body.ok ? body.value : undefined, requestId });
    }
    if (spec.signal?.aborted) throw spec.signal.reason;
    // ky's own errors hold the request options, which hold secrets: they are never attached as causes.
    if (error instanceof KyTimeoutError) {
      return new RequestTimeoutError({ code: 'REQUEST_TIMEOUT', message: messages.timeout(timeout), requestId: clientRequestId });
    }
    const cause = error instanceof Error && error.cause !== undefined ? error.cause : error;
    return new ConnectionError({ code: 'CONNECTION_ERROR', message: messages.connection, requestId: clientRequestId, cause });
  }
}

/** ky's retry settings for one policy: SmartCA's retry matrix, jittered backoff, Retry-After honoured. */
function retryOptions(policy: RetryPolicy, limit: number): KyOptions['retry'] {
  return {
    limit,
    methods: ['post', 'get'],
    statusCodes: [408, 409, 425, 429, 500, 502, 503, 504],
    afterStatusCodes: [429, 503],
    maxRetryAfter: MAX_RETRY_AFTER_MS,
    // 0.5 s, 1 s, 2 s ... capped at 8 s, each drawn from [50 %, 100 %] so clients spread out.
    delay: (n) => 500 * 2 ** (n - 1),
    backoffLimit: 8_000,
    jitter: (d) => d * (0.5 + Math.random() * 0.5),
    retryOnTimeout: policy === 'idempotent',
    shouldRetry: ({ error }) => {
      const status = error instanceof HTTPError ? error.response.status : undefined;
      if (status !== undefined && NEVER_RETRY.has(status)) return false;
      if (policy === 'server-signalled') {
        // Returning undefined lets ky apply Retry-After; anything ambiguous is not retried.
        return status !== undefined && SERVER_SAYS_NOT_PROCESSED.has(status) ? undefined : false;
      }
      return undefined;
    },
  };
}

type JsonRead = { ok: true; value: unknown } | { ok: false; value: undefined; cause: unknown };

async function readJson(response: Response): Promise<JsonRead> {
  let text: string;
  try {
    text = await response.text();
  } catch (cause) {
    return { ok: false, value: undefined, cause };
  }
  if (text.trim() === '') return { ok: true, value: undefined };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (cause) {
    return { ok: false, value: undefined, cause };
  }
}

function schemaError(operation: string, requestId: string, status: number,
  issues: ResponseSchemaError['issues'], cause?: unknown): ResponseSchemaError {
  return new ResponseSchemaError({
    code: 'RESPONSE_SCHEMA_MISMATCH', message: messages.schemaDrift(operation), status, requestId, issues, operation,
    cause: issues.length === 0 && cause ? new Error('The response body is not JSON') : undefined,
  });
}
