import { StoreError } from '../errors/store-error.js';

/** The longest a store operation may take before it fails with `STORE_TIMEOUT`, by default. */
export const DEFAULT_STORE_TIMEOUT_MS = 2000;

/**
 * Runs one store operation with a deadline and turns whatever the driver throws into a
 * {@link StoreError}. A slow store must fail the caller in bounded time (the relay then answers 503)
 * rather than hold a request, or an idempotency key, for as long as the store is stuck; the operation
 * itself may still complete, which every store operation tolerates (each is atomic and idempotent).
 */
export async function storeCall<T>(
  backend: string,
  operation: string,
  timeoutMs: number,
  run: () => Promise<T>,
): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(timedOut(backend, operation, timeoutMs)), timeoutMs);
  });
  try {
    return await Promise.race([run(), deadline]);
  } catch (error) {
    throw error instanceof StoreError ? error : unavailable(backend, operation, error);
  } finally {
    clearTimeout(timer);
  }
}

/** A store's {@link storeCall}: refuses with `STORE_CLOSED` once `isClosed()` says so. */
export function storeCaller(
  backend: string,
  timeoutMs: number,
  isClosed: () => boolean,
): <T>(operation: string, run: () => Promise<T>) => Promise<T> {
  return (operation, run) =>
    isClosed() ? Promise.reject(storeClosed(backend)) : storeCall(backend, operation, timeoutMs, run);
}

/** The error of a store used after `close()`. */
export function storeClosed(backend: string): StoreError {
  return new StoreError({
    code: 'STORE_CLOSED',
    message: {
      vi: `Kho dữ liệu ${backend} đã đóng.`,
      en: `The ${backend} store is closed.`,
    },
  });
}

function timedOut(backend: string, operation: string, ms: number): StoreError {
  return new StoreError({
    code: 'STORE_TIMEOUT',
    message: {
      vi: `Kho dữ liệu ${backend} không trả lời thao tác ${operation} trong ${ms} ms.`,
      en: `The ${backend} store did not answer ${operation} within ${ms} ms.`,
    },
  });
}

function unavailable(backend: string, operation: string, cause: unknown): StoreError {
  // The driver's own message names the host and the failure, never a password (both drivers redact it).
  const detail = cause instanceof Error ? cause.message.slice(0, 200) : String(cause).slice(0, 200);
  return new StoreError({
    code: 'STORE_UNAVAILABLE',
    cause,
    message: {
      vi: `Không thực hiện được thao tác ${operation} trên kho dữ liệu ${backend}: ${detail}`,
      en: `The ${backend} store failed ${operation}: ${detail}`,
    },
  });
}
