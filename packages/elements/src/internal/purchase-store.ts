import { decodeSessionToken } from '@smartca-kit/sdk/relay-client';
import { hashedKey, storage } from './session-store.js';

/** What `<smartca-buy-turns>` keeps while the user is on the payment page. */
export interface StoredPurchase {
  /** The order being paid. */
  orderId: string;
  /** Available turns before paying, to show "before → after" on return. */
  turnsBefore: number | null;
  /** When it was stored, epoch ms. */
  savedAt: number;
}

const PREFIX = 'smartca-buy:';
// An unpaid order expires within the day on the payment page; anything older is stale.
const MAX_AGE_MS = 24 * 3600 * 1000;

/**
 * The sessionStorage key of the purchases of a session's user. Keyed by the user, not by the token, so
 * a `purchase` token and a `sign` token of the same person (or one re-minted after the redirect) find
 * the same order.
 */
export function purchaseKeyFor(session: string): Promise<string | undefined> {
  const decoded = decodeSessionToken(session);
  return decoded ? hashedKey(PREFIX, decoded.claims.userId) : Promise.resolve(undefined);
}

/** The order stored under `key`, if any and recent. */
export function loadPurchase(key: string): StoredPurchase | undefined {
  const raw = storage()?.getItem(key);
  if (!raw) return undefined;
  try {
    const value = JSON.parse(raw) as StoredPurchase;
    if (typeof value.orderId === 'string' && Date.now() - value.savedAt < MAX_AGE_MS) return value;
  } catch {
    // Corrupt data under our prefix: dropped below.
  }
  storage()?.removeItem(key);
  return undefined;
}

/** Keeps the order being paid under `key`. */
export function savePurchase(key: string, value: Omit<StoredPurchase, 'savedAt'>): void {
  storage()?.setItem(key, JSON.stringify({ ...value, savedAt: Date.now() }));
}

/** Forgets the order under `key`. */
export function clearPurchase(key: string): void {
  storage()?.removeItem(key);
}
