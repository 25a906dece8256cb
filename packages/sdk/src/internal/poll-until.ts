import { RequestTimeoutError } from '../errors/request-timeout-error.js';
import { sleep } from './sleep.js';

/** How {@link pollUntil} waits. */
export interface PollOptions<T> {
  /** Gap between reads, ms. */
  intervalMs: number;
  /** Give up after this many ms with a `RequestTimeoutError`. Default: never. */
  timeoutMs?: number | undefined;
  /** Stops waiting. */
  signal?: AbortSignal | undefined;
  /** Called with every value read. */
  onUpdate?: ((value: T) => void) | undefined;
}

/** Reads `read()` every `intervalMs` until `done(value)`, and returns that value. */
export async function pollUntil<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  options: PollOptions<T>,
  what: string,
): Promise<T> {
  const deadline = options.timeoutMs === undefined ? Number.POSITIVE_INFINITY : Date.now() + options.timeoutMs;
  for (;;) {
    const value = await read();
    options.onUpdate?.(value);
    if (done(value)) return value;
    if (Date.now() + options.intervalMs > deadline) {
      throw new RequestTimeoutError({
        code: 'WAIT_TIMEOUT',
        message: {
          vi: `Hết thời gian chờ ${what} (${options.timeoutMs} ms).`,
          en: `Gave up waiting for ${what} after ${options.timeoutMs} ms.`,
        },
      });
    }
    await sleep(options.intervalMs, options.signal);
  }
}
