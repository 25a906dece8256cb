import { createWebhookSignatureHeader, WEBHOOK_SIGNATURE_HEADER } from '@smartca-kit/sdk';
import type { RetrySchedule, WebhookSender } from '../engine/webhooks.js';
import type { PendingEventRecord } from './state.js';

/** What the outbox needs from the sandbox. */
export interface OutboxDeps {
  /** The persisted list of entries (`commerce.pendingEvents`). */
  entries: PendingEventRecord[];
  /** The partner's current webhook secrets: each attempt is signed with them (rotation applies to retries). */
  secretsOf: (spId: string) => readonly string[];
  /** Resolves when the state as it is now is on disk. */
  durable: () => Promise<void>;
  /** Reports a change of the entries, so that it is persisted. */
  changed: () => void;
  retry: RetrySchedule;
}

/**
 * The commerce events' outbox. An event is first written into the state, and its first attempt
 * starts only once that state is durable, so a partner never hears of a payment the sandbox could
 * forget; each attempt's outcome and the next attempt's time are persisted too, so that a restart
 * resumes the retries. Delivery is at least once: a crash after a 2xx but before its removal is
 * written sends the event again, with the same id, which receivers deduplicate on.
 */
export class EventOutbox {
  readonly #sender: WebhookSender;
  readonly #deps: OutboxDeps;
  readonly #timers = new Map<PendingEventRecord, ReturnType<typeof setTimeout>>();
  readonly #running = new Set<PendingEventRecord>();
  #closed = false;

  constructor(sender: WebhookSender, deps: OutboxDeps) {
    this.#sender = sender;
    this.#deps = deps;
  }

  /** Adds an event and starts delivering it once it is durable. */
  enqueue(spId: string, url: string, eventId: string, event: unknown): void {
    const entry: PendingEventRecord = {
      eventId,
      spId,
      url,
      raw: JSON.stringify(event),
      attempts: 0,
      nextAttemptAt: Date.now(),
    };
    this.#deps.entries.push(entry);
    this.#deps.changed();
    this.#attempt(entry);
  }

  /** Schedules every entry found in the state (a restart): each when its next attempt is due. */
  resume(): void {
    for (const entry of this.#deps.entries) this.#schedule(entry, entry.nextAttemptAt - Date.now());
  }

  /** Stops scheduling; attempts under way finish, but their outcome is no longer recorded. */
  close(): void {
    this.#closed = true;
    for (const timer of this.#timers.values()) clearTimeout(timer);
    this.#timers.clear();
  }

  #schedule(entry: PendingEventRecord, delayMs: number): void {
    if (this.#closed || this.#timers.has(entry) || this.#running.has(entry)) return;
    const timer = setTimeout(
      () => {
        this.#timers.delete(entry);
        this.#attempt(entry);
      },
      Math.max(0, delayMs),
    );
    (timer as { unref?: () => void }).unref?.();
    this.#timers.set(entry, timer);
  }

  #attempt(entry: PendingEventRecord): void {
    if (this.#closed || this.#running.has(entry)) return;
    this.#running.add(entry);
    this.#sender.track(this.#run(entry).finally(() => this.#running.delete(entry)));
  }

  async #run(entry: PendingEventRecord): Promise<void> {
    try {
      await this.#deps.durable();
    } catch {
      // Not on disk yet (the write failed): try again later rather than announce what may be lost.
      this.#running.delete(entry);
      this.#schedule(entry, this.#deps.retry.baseDelayMs);
      return;
    }
    if (this.#closed || !this.#deps.entries.includes(entry)) return;
    const secrets = this.#deps.secretsOf(entry.spId);
    // The partner stopped receiving events (no secret left to sign with): the event is dropped.
    if (secrets.length === 0) return this.#settle(entry);
    const headers = {
      [WEBHOOK_SIGNATURE_HEADER]: await createWebhookSignatureHeader(entry.raw, secrets, Math.floor(Date.now() / 1000)),
      'smartca-event-id': entry.eventId,
    };
    const attempt = entry.attempts + 1;
    const accepted = await this.#sender.deliver('commerce', entry.url, entry.raw, JSON.parse(entry.raw), headers, {
      eventId: entry.eventId,
      attempt,
    });
    if (this.#closed) return;
    entry.attempts = attempt;
    if (accepted || attempt >= this.#deps.retry.maxAttempts) return this.#settle(entry);
    const wait = this.#deps.retry.baseDelayMs * 2 ** (attempt - 1);
    entry.nextAttemptAt = Date.now() + wait;
    this.#deps.changed();
    this.#running.delete(entry);
    this.#schedule(entry, wait);
  }

  #settle(entry: PendingEventRecord): void {
    const index = this.#deps.entries.indexOf(entry);
    if (index >= 0) this.#deps.entries.splice(index, 1);
    this.#deps.changed();
  }
}
