/** A signal with a deadline, and the means to release its timer. */
export interface DeadlineSignal {
  /** Aborts with a `TimeoutError` after the deadline, or with the reason of the first source signal that aborts. */
  signal: AbortSignal;
  /** Stops the timer; call it once the guarded work is over. */
  clear(): void;
}

/**
 * A signal that aborts `ms` from now, or as soon as one of `sources` does.
 *
 * Why not `AbortSignal.any([source, AbortSignal.timeout(ms)])`: Node 20 keeps the timeout signal only
 * weakly inside the combined one, so a garbage collection can drop it and the deadline never fires
 * (nodejs/node#57736). A relay long poll held that way for 4 s once waited 300 s, until the
 * transaction expired. Here the timer holds its controller strongly until it fires or is cleared; the
 * sources are combined by `AbortSignal.any`, which adds no listener to them (twenty waiters share one
 * transaction's cancel signal).
 */
export function deadlineSignal(ms: number, ...sources: Array<AbortSignal | undefined>): DeadlineSignal {
  const deadline = new AbortController();
  const timer = setTimeout(
    () => deadline.abort(new DOMException('The operation timed out.', 'TimeoutError')),
    Math.max(0, ms),
  );
  const present = sources.filter((source): source is AbortSignal => source !== undefined);
  const signal = present.length === 0 ? deadline.signal : AbortSignal.any([...present, deadline.signal]);
  return { signal, clear: () => clearTimeout(timer) };
}
