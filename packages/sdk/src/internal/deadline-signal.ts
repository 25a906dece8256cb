/** A signal with a deadline, and the means to release its timer. */
export interface DeadlineSignal {
  /** Aborts with a `TimeoutError` after the deadline, or with the reason of the first source signal that aborts. */
  signal: AbortSignal;
  /** Stops the timer and lets go of the sources; call it once the guarded work is over. */
  clear(): void;
}

/**
 * A signal that aborts `ms` from now, or as soon as one of `sources` does.
 *
 * Why not `AbortSignal.any([source, AbortSignal.timeout(ms)])`: Node 20 keeps the timeout signal only
 * weakly inside the combined one, so a garbage collection can drop it and the deadline never fires
 * (nodejs/node#57736). A relay long poll held that way for 4 s once waited 300 s, until the
 * transaction expired. Here a real timer holds the controller until it fires or is cleared.
 */
export function deadlineSignal(ms: number, ...sources: Array<AbortSignal | undefined>): DeadlineSignal {
  const controller = new AbortController();
  const present = sources.filter((source): source is AbortSignal => source !== undefined);
  const fromSource = (event: Event) => release((event.target as AbortSignal).reason);
  const timer = setTimeout(() => release(new DOMException('The operation timed out.', 'TimeoutError')), Math.max(0, ms));
  function release(reason?: unknown) {
    clearTimeout(timer);
    for (const source of present) source.removeEventListener('abort', fromSource);
    if (reason !== undefined && !controller.signal.aborted) controller.abort(reason);
  }
  const already = present.find((source) => source.aborted);
  if (already) release(already.reason);
  else for (const source of present) source.addEventListener('abort', fromSource, { once: true });
  return { signal: controller.signal, clear: () => release() };
}
