/** One delivery attempt, kept for `/_sandbox/webhooks` and tests. */
export interface WebhookDelivery {
  /** A random id for the attempt. */
  id: string;
  /** The SP769 webhook, the gateway's `notifyUrl` callback, or a signed commerce event. */
  kind: 'sp769' | 'gateway-notify' | 'commerce';
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
  /** Commerce events: the event's id, the same on every attempt. */
  eventId?: string | undefined;
  /** Commerce events: 1 for the first attempt, 2 for the first retry, ... */
  attempt?: number | undefined;
}

/** How a signed commerce delivery is retried: until a 2xx, waiting `baseDelayMs × 2^n` between attempts. */
export interface RetrySchedule {
  /** The wait before the first retry, ms. */
  baseDelayMs: number;
  /** Attempts in all, the first included. */
  maxAttempts: number;
}

const LOG_LIMIT = 500;
const DELIVERY_TIMEOUT_MS = 5_000;

/**
 * Posts SmartCA's callbacks and the sandbox's commerce events, and logs every attempt. SmartCA's two
 * callbacks are sent once, as VNPT documents no retry policy (the SP769 webhook) or promises exactly
 * one call (the gateway's `notifyUrl`): partners must be able to fall back to polling. Commerce events
 * are smartca-kit's own and are retried until accepted, Stripe-style, from the persisted outbox
 * (commerce/event-outbox.ts), which calls {@link WebhookSender.deliver} for each attempt.
 *
 * Nothing is sent before the state it announces is durable (`ready`, the sandbox's persistence): a
 * partner told "signed" or "paid" must find it so after a crash.
 */
export class WebhookSender {
  readonly log: WebhookDelivery[] = [];
  readonly #fetch: typeof globalThis.fetch;
  readonly #ready: () => Promise<void>;
  readonly #inFlight = new Set<Promise<unknown>>();

  constructor(fetchImpl: typeof globalThis.fetch | undefined, ready: () => Promise<void> = () => Promise.resolve()) {
    this.#fetch = fetchImpl ?? ((input, init) => globalThis.fetch(input, init));
    this.#ready = ready;
  }

  /**
   * Posts `body` as JSON to `url`, once the state is durable, and records the outcome. Never throws;
   * a failed persistence drops the callback, as a lost callback is what VNPT's partners must survive.
   */
  send(kind: WebhookDelivery['kind'], url: string, body: unknown): void {
    // A microtask first, so that a change reported just after this call is waited for too.
    const raw = JSON.stringify(body);
    this.track(
      Promise.resolve()
        .then(() => this.#ready())
        .then(
          () => this.deliver(kind, url, raw, body, {}),
          () => false,
        ),
    );
  }

  /** One attempt: posts `raw` with `headers`, logs it, and resolves whether the receiver answered 2xx. */
  deliver(
    kind: WebhookDelivery['kind'],
    url: string,
    raw: string,
    body: unknown,
    headers: Record<string, string>,
    extra: Pick<WebhookDelivery, 'eventId' | 'attempt'> = {},
  ): Promise<boolean> {
    const delivery: WebhookDelivery = { id: globalThis.crypto.randomUUID(), kind, url, body, at: Date.now(), ...extra };
    this.log.push(delivery);
    if (this.log.length > LOG_LIMIT) this.log.splice(0, this.log.length - LOG_LIMIT);
    const attempt = this.#fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: raw,
      signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS),
    }).then(
      async (response) => {
        delivery.status = response.status;
        await response.body?.cancel();
        return response.ok;
      },
      (error: unknown) => {
        delivery.error = error instanceof Error ? error.message : String(error);
        return false;
      },
    );
    this.track(attempt);
    return attempt;
  }

  /** Counts `work` as a delivery under way until it settles (for {@link WebhookSender.idle}). */
  track(work: Promise<unknown>): void {
    const tracked = work.catch(() => undefined).finally(() => this.#inFlight.delete(tracked));
    this.#inFlight.add(tracked);
  }

  /** Resolves when every delivery under way has finished (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.#inFlight.size > 0) await Promise.all([...this.#inFlight]);
  }
}
