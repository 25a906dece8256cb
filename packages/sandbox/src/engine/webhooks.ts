/** One delivery attempt, kept for `/_sandbox/webhooks` and tests. */
export interface WebhookDelivery {
  /** A random id for the attempt. */
  id: string;
  /** The SP769 webhook or the gateway's `notifyUrl` callback. */
  kind: 'sp769' | 'gateway-notify';
  /** Where the callback was posted. */
  url: string;
  /** The JSON body sent. */
  body: unknown;
  /** When the attempt started, epoch milliseconds. */
  at: number;
  /** The HTTP status the receiver answered with, once it has answered. */
  status?: number | undefined;
  /** Why the request failed (network error or timeout), when it did. */
  error?: string | undefined;
}

const LOG_LIMIT = 500;
const DELIVERY_TIMEOUT_MS = 5_000;

/**
 * Sends SmartCA's callbacks. Both are sent once, as VNPT documents no retry policy (the SP769 webhook)
 * or promises exactly one call (the gateway's `notifyUrl`): partners must be able to fall back to polling.
 */
export class WebhookSender {
  readonly log: WebhookDelivery[] = [];
  readonly #fetch: typeof globalThis.fetch;
  readonly #inFlight = new Set<Promise<void>>();

  constructor(fetchImpl: typeof globalThis.fetch | undefined) {
    this.#fetch = fetchImpl ?? ((input, init) => globalThis.fetch(input, init));
  }

  /** Posts `body` as JSON to `url`, once, and records the outcome. Never throws. */
  send(kind: WebhookDelivery['kind'], url: string, body: unknown): void {
    const delivery: WebhookDelivery = { id: globalThis.crypto.randomUUID(), kind, url, body, at: Date.now() };
    this.log.push(delivery);
    if (this.log.length > LOG_LIMIT) this.log.splice(0, this.log.length - LOG_LIMIT);
    const attempt = this.#fetch(url, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body),
      signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS),
    }).then(async (response) => {
      delivery.status = response.status;
      await response.body?.cancel();
    }, (error: unknown) => {
      delivery.error = error instanceof Error ? error.message : String(error);
    }).finally(() => this.#inFlight.delete(attempt));
    this.#inFlight.add(attempt);
  }

  /** Resolves when every delivery under way has finished (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.#inFlight.size > 0) await Promise.all([...this.#inFlight]);
  }
}
