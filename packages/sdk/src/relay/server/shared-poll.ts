/** What one read gave: a value, or the error it threw. */
type ReadOutcome<T> = { ok: true; value: T } | { ok: false; error: unknown };

interface Watched<T> {
  listeners: Set<(outcome: ReadOutcome<T>) => void>;
  latest: { value: T; at: number } | undefined;
  lastReadAt: number;
  running: boolean;
  wake: (() => void) | undefined;
}

/** What {@link SharedPoll.watch} waits for. */
export interface WatchOptions<T> {
  /** Reads the value once, e.g. the order from SmartCA. Only the loop calls it. */
  read: () => Promise<T>;
  /** True when the caller has what it came for; it is answered at once. */
  done: (value: T) => boolean;
  /** Epoch ms after which the caller takes the latest value read, done or not. */
  deadline: number;
  /** Stops this caller's wait (the loop goes on while others wait). */
  signal: AbortSignal;
}

// A key nobody has watched for this long is forgotten.
const IDLE_MS = 60_000;

/**
 * One read loop per key, however many requests wait on it: every held order-status call on one order
 * shares a read a second, where each used to run its own (twenty pages made twenty reads a second).
 * A value read less than an interval ago answers a new caller at once, so callers that do not wait
 * share reads too. The loop stops when its last caller leaves.
 */
export class SharedPoll<T> {
  readonly #intervalMs: number;
  readonly #watched = new Map<string, Watched<T>>();

  constructor(intervalMs: number) {
    this.#intervalMs = intervalMs;
  }

  /** Resolves with the first value `done` accepts, or with the latest one read once `deadline` is near. */
  watch(key: string, options: WatchOptions<T>): Promise<T> {
    this.#forgetIdle();
    const entry = this.#entry(key);
    return new Promise<T>((resolve, reject) => {
      const finish = (settle: () => void) => {
        entry.listeners.delete(listener);
        options.signal.removeEventListener('abort', aborted);
        if (entry.listeners.size === 0) entry.wake?.();
        settle();
      };
      const listener = (outcome: ReadOutcome<T>) => {
        if (!outcome.ok) finish(() => reject(outcome.error));
        else if (options.done(outcome.value) || Date.now() + this.#intervalMs > options.deadline) {
          finish(() => resolve(outcome.value));
        }
      };
      const aborted = () => finish(() => reject(options.signal.reason));
      if (options.signal.aborted) return reject(options.signal.reason);
      entry.listeners.add(listener);
      options.signal.addEventListener('abort', aborted, { once: true });
      if (entry.latest && Date.now() - entry.latest.at < this.#intervalMs)
        listener({ ok: true, value: entry.latest.value });
      if (entry.listeners.has(listener) && !entry.running) void this.#run(entry, options.read);
    });
  }

  #entry(key: string): Watched<T> {
    let entry = this.#watched.get(key);
    if (!entry) {
      entry = {
        listeners: new Set(),
        latest: undefined,
        lastReadAt: Number.NEGATIVE_INFINITY,
        running: false,
        wake: undefined,
      };
      this.#watched.set(key, entry);
    }
    return entry;
  }

  async #run(entry: Watched<T>, read: () => Promise<T>): Promise<void> {
    entry.running = true;
    try {
      while (entry.listeners.size > 0) {
        const gap = entry.lastReadAt + this.#intervalMs - Date.now();
        if (gap > 0) {
          await new Promise<void>((resolve) => {
            const timer = setTimeout(done, gap);
            function done() {
              clearTimeout(timer);
              entry.wake = undefined;
              resolve();
            }
            entry.wake = done;
          });
          continue;
        }
        entry.lastReadAt = Date.now();
        let outcome: ReadOutcome<T>;
        try {
          outcome = { ok: true, value: await read() };
          entry.latest = { value: outcome.value, at: Date.now() };
        } catch (error) {
          outcome = { ok: false, error };
          entry.latest = undefined;
        }
        for (const listener of [...entry.listeners]) listener(outcome);
      }
    } finally {
      entry.running = false;
    }
  }

  #forgetIdle(): void {
    const cutoff = Date.now() - IDLE_MS;
    for (const [key, entry] of this.#watched) {
      if (!entry.running && entry.listeners.size === 0 && entry.lastReadAt < cutoff) this.#watched.delete(key);
    }
  }
}
