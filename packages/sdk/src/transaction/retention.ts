/**
 * How long past its approval window a transaction stays in memory: the client's registry (so a late
 * webhook still finds its waiter) and the relay's cache (so a late status call still knows the real
 * window) keep it by this one rule.
 */
export const KEPT_AFTER_EXPIRY_MS = 60_000;

/** Whether `tx` is past its approval window by more than {@link KEPT_AFTER_EXPIRY_MS} at `now` (epoch ms). */
export function outlivedWindow(tx: { readonly expiresAt: Date }, now: number): boolean {
  return now > tx.expiresAt.getTime() + KEPT_AFTER_EXPIRY_MS;
}
