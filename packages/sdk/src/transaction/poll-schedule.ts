/**
 * When to ask SmartCA again about a pending transaction.
 *
 * The first poll comes after 0.5 s, then the gap grows by half each time up to 1.2 s, every gap drawn
 * from ±15 % so that a batch of transactions does not poll in lockstep. At the cap that is about 0.83
 * requests per second per transaction, and a result is seen at most ~1.4 s after the user approves.
 * VNPT's samples poll every 10 s; see bench/approval-latency.mjs for the comparison.
 * After a failed poll the gap doubles (up to 10 s) until a poll succeeds again.
 */
export interface PollSchedule {
  /** First gap, ms. Default 500. */
  initialMs?: number;
  /** Largest gap while polls succeed, ms. Default 1200. */
  maxMs?: number;
  /** Growth per poll. Default 1.5. */
  factor?: number;
  /** Relative jitter, 0..1. Default 0.15. */
  jitter?: number;
  /** Largest gap after failures, ms. Default 10 000. */
  maxAfterErrorMs?: number;
}

/** Yields successive poll gaps; `failed()` widens the next one. */
export class PollTimer {
  readonly #schedule: Required<PollSchedule>;
  #base: number;
  #errors = 0;

  constructor(schedule: PollSchedule = {}) {
    this.#schedule = { initialMs: 500, maxMs: 1200, factor: 1.5, jitter: 0.15, maxAfterErrorMs: 10_000, ...schedule };
    this.#base = this.#schedule.initialMs;
  }

  /** The next gap in milliseconds. */
  next(): number {
    const s = this.#schedule;
    const base = this.#errors > 0 ? Math.min(s.maxAfterErrorMs, this.#base * 2 ** this.#errors) : this.#base;
    this.#base = Math.min(s.maxMs, this.#base * s.factor);
    return base * (1 - s.jitter + Math.random() * 2 * s.jitter);
  }

  /** Record a failed poll. */
  failed(): void {
    this.#errors += 1;
  }

  /** Record a successful poll. */
  succeeded(): void {
    this.#errors = 0;
  }
}
