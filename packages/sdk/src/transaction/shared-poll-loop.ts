import { PollTimer, type PollSchedule } from './poll-schedule.js';

/** What the loop tells every waiter after a poll: it went through, or why not. */
export type PollOutcome = { ok: true } | { ok: false; error: unknown };

/** Called with each outcome while a waiter is in the loop. */
export type PollListener = (outcome: PollOutcome) => void;

/** Told when the loop starts and stops running, e.g. to take and free a shared poll lease. */
export interface PollLifecycle {
  /** The loop started: a waiter joined an idle loop. */
  started(): void;
  /** The loop stopped: the last waiter left, or the transaction is no longer pending. */
  stopped(): void;
}

/** What `poll` returns when it did not ask SmartCA (another instance polls): nobody is told anything. */
export const POLL_SKIPPED = Symbol('poll skipped');

// A nudge (an unauthenticated webhook, which anyone can send) polls at once, but never sooner than
// this after the previous poll. The gap doubles while nudged polls follow each other with no
// scheduled poll between them, so a flood of forged webhooks settles at about one poll a second, and
// it resets at the next scheduled poll, so a real callback after a quiet spell is seen in ~250 ms.
const NUDGE_GAP_MS = 250;
const NUDGE_GAP_MAX_MS = 1000;
// setTimeout fires at once past 2^31 ms; a far-off wake-up is only ever a re-check anyway.
const MAX_SLEEP_MS = 60_000;

/**
 * One poll schedule per transaction, shared by every concurrent `wait()`. Twenty relay long polls
 * held on one transaction cost SmartCA what one costs: about one status request a second (the
 * design's budget, whatever the number of waiters). The loop runs while at least one waiter is in
 * it and the transaction is pending; every waiter hears every outcome. It is started with the
 * {@link PollSchedule} of the wait that found it idle.
 */
export class SharedPollLoop {
  readonly #poll: () => Promise<unknown>;
  readonly #pending: () => boolean;
  readonly #lifecycle: PollLifecycle | undefined;
  readonly #listeners = new Set<PollListener>();
  #running = false;
  #wake: (() => void) | undefined;
  #nudged = false;
  #nudgeGap = NUDGE_GAP_MS;
  #lastPollAt = 0;

  /**
   * `poll` asks SmartCA once and applies the answer, or returns {@link POLL_SKIPPED}; `pending` says
   * whether polling is still useful.
   */
  constructor(poll: () => Promise<unknown>, pending: () => boolean, lifecycle?: PollLifecycle) {
    this.#poll = poll;
    this.#pending = pending;
    this.#lifecycle = lifecycle;
  }

  /** How many waiters are in the loop. */
  get waiters(): number {
    return this.#listeners.size;
  }

  /** Joins the loop, starting it when idle. Returns the function that leaves it. */
  join(schedule: PollSchedule | undefined, listener: PollListener): () => void {
    this.#listeners.add(listener);
    if (!this.#running) void this.#run(new PollTimer(schedule));
    return () => {
      this.#listeners.delete(listener);
      if (this.#listeners.size === 0) this.#wake?.();
    };
  }

  /** Polls as soon as the nudge budget allows (see `NUDGE_GAP_MS`). */
  nudge(): void {
    this.#nudged = true;
    this.#wake?.();
  }

  /** Tells every waiter something changed without a poll (a verified webhook settled the transaction). */
  notify(): void {
    for (const listener of [...this.#listeners]) listener({ ok: true });
    this.#wake?.();
  }

  async #run(timer: PollTimer): Promise<void> {
    this.#running = true;
    this.#lifecycle?.started();
    try {
      let scheduledAt = Date.now() + timer.next();
      while (this.#listeners.size > 0 && this.#pending()) {
        await this.#sleepUntil(scheduledAt);
        if (this.#listeners.size === 0 || !this.#pending()) break;
        const nudged = this.#nudged && Date.now() < scheduledAt;
        this.#nudged = false;
        this.#lastPollAt = Date.now();
        let outcome: PollOutcome;
        try {
          if ((await this.#poll()) === POLL_SKIPPED) {
            // Another instance polls; it wakes this one through the store. Ask for the lease again later.
            scheduledAt = this.#lastPollAt + timer.next();
            continue;
          }
          timer.succeeded();
          outcome = { ok: true };
        } catch (error) {
          timer.failed();
          outcome = { ok: false, error };
        }
        this.#nudgeGap = nudged ? Math.min(NUDGE_GAP_MAX_MS, this.#nudgeGap * 2) : NUDGE_GAP_MS;
        scheduledAt = this.#lastPollAt + timer.next();
        for (const listener of [...this.#listeners]) listener(outcome);
      }
    } finally {
      this.#running = false;
      this.#wake = undefined;
      this.#lifecycle?.stopped();
    }
  }

  /** Sleeps until `scheduledAt`, or until a nudge is due, or until the last waiter leaves. */
  async #sleepUntil(scheduledAt: number): Promise<void> {
    for (;;) {
      if (this.#listeners.size === 0) return;
      const due = this.#nudged ? Math.min(scheduledAt, this.#lastPollAt + this.#nudgeGap) : scheduledAt;
      const ms = due - Date.now();
      if (ms <= 0) return;
      await new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          this.#wake = undefined;
          resolve();
        };
        const timer = setTimeout(done, Math.min(ms, MAX_SLEEP_MS));
        this.#wake = done;
      });
    }
  }
}
