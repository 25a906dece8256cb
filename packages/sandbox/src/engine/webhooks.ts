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
 * Sends SmartCA's callbacks and the sandbox's commerce events. SmartCA's two callbacks are sent once,
 * as VNPT documents no retry policy (the SP769 webhook) or promises exactly one call (the gateway's
 * `notifyUrl`): partners must be able to fall back to polling. Commerce events are smartca-kit's own
 * and are retried until accepted, Stripe-style.
 */
export class WebhookSender {
  readonly log: WebhookDelivery[] = [];
  readonly #fetch: typeof globalThis.fetch;
  readonly #inFlight = new Set<Promise<void>>();
  readonly #timers = new Set<ReturnType<typeof setTimeout>>();

  constructor(fetchImpl: typeof globalThis.fetch | undefined) {
    this.#fetch = fetchImpl ?? ((input, init) => globalThis.fetch(input, init));
  }

  /** Posts `body` as JSON to `url`, once, and records the outcome. Never throws. */
  send(kind: WebhookDelivery['kind'], url: string, body: unknown): void {
    void this.#attempt(kind, url, JSON.stringify(body), body, {});
  }

  /**
   * Posts a commerce event until the receiver answers 2xx, backing off between attempts. Every attempt
   * is signed afresh by `sign` (a new timestamp) and carries the same event id. Never throws.
   */
  sendUntilAccepted(url: string, eventId: string, body: unknown, sign: (raw: string) => Promise<Record<string, string>>,
    schedule: RetrySchedule): void {
    const raw = JSON.stringify(body);
    const run = async (attempt: number) => {
      const accepted = await this.#attempt('commerce', url, raw, body, await sign(raw), { eventId, attempt });
      if (accepted || attempt >= schedule.maxAttempts) return;
      const timer = setTimeout(() => {
        this.#timers.delete(timer);
        void run(attempt + 1);
      }, schedule.baseDelayMs * 2 ** (attempt - 1));
      (timer as { unref?: () => void }).unref?.();
      this.#timers.add(timer);
    };
    void run(1);
  }

  /** Cancels the retries still scheduled (shutdown). */
  close(): void {
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.clear();
  }

  #attempt(kind: WebhookDelivery['kind'], url: string, raw: string, body: unknown, headers: Record<string, string>,
    extra: Pick<WebhookDelivery, 'eventId' | 'attempt'> = {}): Promise<boolean> {
    const delivery: WebhookDelivery = { id: globalThis.crypto.randomUUID(), kind, url, body, at: Date.now(), ...extra };
    this.log.push(delivery);
    if (this.log.length > LOG_LIMIT) this.log.splice(0, this.log.length - LOG_LIMIT);
    const attempt = this.#fetch(url, {
      method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: raw,
      signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS),
    }).then(async (response) => {
      delivery.status = response.status;
      await response.body?.cancel();
      return response.ok;
    }, (error: unknown) => {
      delivery.error = error instanceof Error ? error.message : String(error);
      return false;
    });
    const tracked = attempt.then(() => undefined).finally(() => this.#inFlight.delete(tracked));
    this.#inFlight.add(tracked);
    return attempt;
  }

  /** Resolves when every delivery under way has finished (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.#inFlight.size > 0) await Promise.all([...this.#inFlight]);
  }
}
