import { RelayRequestError } from '../../errors/relay-request-error.js';
import type { Check } from '../contract/check.js';
import {
  PURCHASE_ROUTES,
  relayBalanceResponseSchema,
  relayCatalogResponseSchema,
  relayOrderResponseSchema,
  type CreateOrderBody,
  type RelayBalance,
  type RelayOrder,
  type RelayTurnPack,
} from '../contract/purchase-wire.js';
import {
  IDEMPOTENCY_HEADER,
  RELAY_ROUTES,
  relayErrorResponseSchema,
  relayPath,
  relayTransactionResponseSchema,
  type RelayTransaction,
  type StartSignatureBody,
} from '../contract/wire.js';

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
 * The browser side of the relay contract: POSTs answered with a transaction (signing), a balance, a
 * catalog or an order (buying turns), or a typed
 * {@link RelayRequestError}. It holds no secret, only the session token. Responses are checked with
 * the contract's own small validators (`relay/contract/check.ts`), which keep the widget bundle small.
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
  startSignature(
    options: RelayCallOptions & StartSignatureBody & { idempotencyKey?: string | undefined } = {},
  ): Promise<RelayTransaction> {
    return this.#transaction(
      RELAY_ROUTES.startSignature,
      { documents: options.documents, attempt: options.attempt },
      options.signal,
      idempotency(options.idempotencyKey),
    );
  }

  /** The transaction's status; the relay holds the call up to `waitSeconds` while it stays pending. */
  signatureStatus(
    id: string,
    options: RelayCallOptions & { waitSeconds?: number | undefined } = {},
  ): Promise<RelayTransaction> {
    return this.#transaction(
      relayPath(RELAY_ROUTES.signatureStatus, { id }),
      { waitSeconds: options.waitSeconds },
      options.signal,
    );
  }

  /** Stops following the transaction. Resolves with its final status if it ended first, else `cancelled`. */
  cancelSignature(id: string, options: RelayCallOptions = {}): Promise<RelayTransaction> {
    return this.#transaction(relayPath(RELAY_ROUTES.cancelSignature, { id }), {}, options.signal);
  }

  /** The session user's signing turns. */
  async balance(options: RelayCallOptions = {}): Promise<RelayBalance> {
    return (await this.#call(PURCHASE_ROUTES.balance, {}, relayBalanceResponseSchema, options.signal)).balance;
  }

  /** The turn packs on sale, with VND prices. */
  async turnPacks(options: RelayCallOptions = {}): Promise<RelayTurnPack[]> {
    return (await this.#call(PURCHASE_ROUTES.catalog, {}, relayCatalogResponseSchema, options.signal)).catalog
      .turnPacks;
  }

  /** Orders a turn pack. `idempotencyKey` makes a retried click return the same order. */
  async createOrder(
    body: CreateOrderBody,
    options: RelayCallOptions & { idempotencyKey?: string | undefined } = {},
  ): Promise<RelayOrder> {
    return (
      await this.#call(
        PURCHASE_ROUTES.createOrder,
        body,
        relayOrderResponseSchema,
        options.signal,
        idempotency(options.idempotencyKey),
      )
    ).order;
  }

  /** The order's payment status; the relay holds the call up to `waitSeconds` while it stays pending. */
  async orderStatus(
    id: string,
    options: RelayCallOptions & { waitSeconds?: number | undefined } = {},
  ): Promise<RelayOrder> {
    return (
      await this.#call(
        relayPath(PURCHASE_ROUTES.orderStatus, { id }),
        { waitSeconds: options.waitSeconds },
        relayOrderResponseSchema,
        options.signal,
      )
    ).order;
  }

  async #transaction(
    path: string,
    body: object,
    signal: AbortSignal | undefined,
    headers: Record<string, string> = {},
  ): Promise<RelayTransaction> {
    return (await this.#call(path, body, relayTransactionResponseSchema, signal, headers)).transaction;
  }

  async #call<T>(
    path: string,
    body: object,
    schema: Check<T>,
    signal: AbortSignal | undefined,
    headers: Record<string, string> = {},
  ): Promise<T> {
    let response: Response;
    try {
      response = await this.#fetch(`${this.#endpoint}${path}`, {
        method: 'POST',
        signal,
        credentials: 'same-origin',
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
      const parsed = schema.safeParse(data);
      if (parsed.success) return parsed.data;
    } else {
      const parsed = relayErrorResponseSchema.safeParse(data);
      if (parsed.success) {
        const e = parsed.data.error;
        // The relay's `message` is for the person, its `detail` (when sent) for developers.
        throw new RelayRequestError({
          category: e.category,
          code: e.code,
          message: e.detail ?? e.message,
          userMessage: e.message,
          recoverable: e.recoverable,
          status: response.status,
          requestId: e.requestId ?? requestId,
        });
      }
    }
    throw new RelayRequestError({
      category: response.status >= 500 ? 'network' : 'implementation',
      code: 'RELAY_RESPONSE_INVALID',
      status: response.status,
      requestId,
      recoverable: response.status >= 500,
      message: {
        vi: `Máy chủ ký số trả lời không đúng định dạng (HTTP ${response.status}).`,
        en: `The signing relay answered in an unexpected format (HTTP ${response.status}).`,
      },
    });
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

function idempotency(key: string | undefined): Record<string, string> {
  return key ? { [IDEMPOTENCY_HEADER]: key } : {};
}

function unreachable(cause: unknown): RelayRequestError {
  return new RelayRequestError({
    category: 'network',
    code: 'RELAY_UNREACHABLE',
    recoverable: true,
    cause,
    message: {
      vi: 'Không kết nối được tới máy chủ ký số. Kiểm tra kết nối mạng.',
      en: 'Could not reach the signing relay. Check the network connection.',
    },
  });
}
