import { RelayRequestError } from '../../errors/relay-request-error.js';
import {
  IDEMPOTENCY_HEADER, RELAY_ROUTES, relayErrorResponseSchema, relayPath, relayTransactionResponseSchema, type RelayTransaction,
  type StartSignatureBody,
} from '../protocol/wire.js';

/** Everything {@link createRelayClient} accepts. */
export interface RelayClientOptions {
  /** The relay's URL, absolute or relative to the page, e.g. `/smartca`. */
  endpoint: string;
  /** The session token the portal minted. */
  session: string;
  /** A fetch implementation. Default `globalThis.fetch`. */
  fetch?: typeof globalThis.fetch | undefined;
}

/** Per-call options. */
export interface RelayCallOptions {
  /** Aborts the call; the promise rejects with the signal's reason. */
  signal?: AbortSignal | undefined;
}

/**
 * The browser side of the relay contract: three POSTs, each answered with a transaction or a typed
 * {@link RelayRequestError}. It holds no secret, only the session token. Responses are checked with
 * `zod/mini`, which keeps the widget bundle small.
 */
export class RelayClient {
  readonly #endpoint: string;
  readonly #session: string;
  readonly #fetch: typeof globalThis.fetch;

  constructor(options: RelayClientOptions) {
    this.#endpoint = options.endpoint.replace(/\/+$/, '');
    this.#session = options.session;
    this.#fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  }

  /** Starts signing the session's documents. `idempotencyKey` makes a retried start return the same transaction. */
  startSignature(options: RelayCallOptions & StartSignatureBody & { idempotencyKey?: string | undefined } = {}):
  Promise<RelayTransaction> {
    return this.#call(RELAY_ROUTES.startSignature, { documents: options.documents }, options.signal,
      options.idempotencyKey ? { [IDEMPOTENCY_HEADER]: options.idempotencyKey } : {});
  }

  /** The transaction's status; the relay holds the call up to `waitSeconds` while it stays pending. */
  signatureStatus(id: string, options: RelayCallOptions & { waitSeconds?: number | undefined } = {}):
  Promise<RelayTransaction> {
    return this.#call(relayPath(RELAY_ROUTES.signatureStatus, { id }), { waitSeconds: options.waitSeconds }, options.signal);
  }

  /** Stops following the transaction. Resolves with its final status if it ended first, else `cancelled`. */
  cancelSignature(id: string, options: RelayCallOptions = {}): Promise<RelayTransaction> {
    return this.#call(relayPath(RELAY_ROUTES.cancelSignature, { id }), {}, options.signal);
  }

  async #call(path: string, body: object, signal: AbortSignal | undefined, headers: Record<string, string> = {}):
  Promise<RelayTransaction> {
    let response: Response;
    try {
      response = await this.#fetch(`${this.#endpoint}${path}`, {
        method: 'POST', signal, credentials: 'same-origin',
        headers: { ...headers, authorization: `Bearer ${this.#session}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      throw unreachable(error);
    }
    const requestId = response.headers.get('x-request-id') ?? undefined;
    let data: unknown;
    try {
      data = await response.json();
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      data = undefined;
    }
    if (response.ok) {
      const parsed = relayTransactionResponseSchema.safeParse(data);
      if (parsed.success) return parsed.data.transaction;
    } else {
      const parsed = relayErrorResponseSchema.safeParse(data);
      if (parsed.success) {
        const e = parsed.data.error;
        throw new RelayRequestError({ category: e.category, code: e.code, message: e.message, recoverable: e.recoverable,
          status: response.status, requestId: e.requestId ?? requestId });
      }
    }
    throw new RelayRequestError({ category: response.status >= 500 ? 'network' : 'implementation',
      code: 'RELAY_RESPONSE_INVALID', status: response.status, requestId, recoverable: response.status >= 500, message: {
        vi: `Máy chủ ký số trả lời không đúng định dạng (HTTP ${response.status}).`,
        en: `The signing relay answered in an unexpected format (HTTP ${response.status}).` } });
  }
}

/**
 * Creates a relay client.
 *
 * @example
 * ```ts
 * const relay = createRelayClient({ endpoint: '/smartca', session });
 * const tx = await relay.startSignature();
 * const done = await relay.signatureStatus(tx.id, { waitSeconds: 25 });
 * ```
 */
export function createRelayClient(options: RelayClientOptions): RelayClient {
  return new RelayClient(options);
}

function unreachable(cause: unknown): RelayRequestError {
  return new RelayRequestError({ category: 'network', code: 'RELAY_UNREACHABLE', recoverable: true, cause, message: {
    vi: 'Không kết nối được tới máy chủ ký số. Kiểm tra kết nối mạng.',
    en: 'Could not reach the signing relay. Check the network connection.' } });
}
