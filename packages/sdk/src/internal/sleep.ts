/** Resolves after `ms`, or rejects with the signal's reason as soon as `signal` aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(
      () => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      },
      Math.max(0, ms),
    );
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * A {@link sleep} that can also be cut short: `wake()` resolves `done` with `true` at once. `done`
 * resolves `false` after `ms`, and rejects with the signal's reason when `signal` aborts.
 */
export function wakeableSleep(ms: number, signal?: AbortSignal): { done: Promise<boolean>; wake(): void } {
  const early = new AbortController();
  const done = sleep(ms, signal ? AbortSignal.any([signal, early.signal]) : early.signal).then(
    () => false,
    () => {
      if (signal?.aborted) throw signal.reason;
      return true;
    },
  );
  return { done, wake: () => early.abort() };
}

/** `promise`, or the signal's reason as soon as `signal` aborts (the promise itself goes on). */
export function untilAborted<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const aborted = () => reject(signal.reason);
    signal.addEventListener('abort', aborted, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', aborted));
  });
}
