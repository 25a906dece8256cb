import { decodeSessionToken, sessionBinding, type RelayDocument } from '@smartca-kit/sdk/relay-client';

/** What the widget keeps so that a reload or a payment redirect resumes the same transaction. */
export interface StoredSigning {
  /** The relay's transaction id. */
  transactionId: string;
  /** End of the approval window, epoch ms. */
  expiresAt: number;
  /** The documents as the relay listed them. */
  documents: RelayDocument[];
  /** Which try at these documents it is (1 the first). */
  attempt?: number | undefined;
  /** When it was stored, epoch ms: entries older than a day are dropped. */
  savedAt: number;
}

const PREFIX = 'smartca-sign:';
const MAX_AGE_MS = 24 * 3600 * 1000;

/**
 * The sessionStorage key of a session: a hash of what the token is bound to (user, purpose,
 * documents), not of the token. A reloaded page that mints a new token for the same documents finds
 * its transaction again; a page signing other documents does not. `undefined` for an unreadable token.
 */
export async function storageKeyFor(session: string): Promise<string | undefined> {
  const decoded = decodeSessionToken(session);
  return decoded ? hashedKey(PREFIX, sessionBinding(decoded.claims)) : undefined;
}

/** `prefix` and 128 bits of SHA-256 of `text`, hex: keys that name a binding without spelling it out. */
export async function hashedKey(prefix: string, text: string): Promise<string | undefined> {
  if (!globalThis.crypto?.subtle) return undefined;
  const hash = new Uint8Array(await globalThis.crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
  return prefix + Array.from(hash.subarray(0, 16), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** The stored signing under `key`, if any and still plausible. */
export function loadSigning(key: string): StoredSigning | undefined {
  const raw = storage()?.getItem(key);
  if (!raw) return undefined;
  try {
    const value = JSON.parse(raw) as StoredSigning;
    if (
      typeof value.transactionId === 'string' &&
      typeof value.expiresAt === 'number' &&
      Array.isArray(value.documents) &&
      Date.now() - value.savedAt < MAX_AGE_MS
    )
      return value;
  } catch {
    // Corrupt or foreign data under our prefix: drop it below.
  }
  storage()?.removeItem(key);
  return undefined;
}

/** Keeps `value` under `key` for this tab. */
export function saveSigning(key: string, value: Omit<StoredSigning, 'savedAt'>): void {
  storage()?.setItem(key, JSON.stringify({ ...value, savedAt: Date.now() }));
}

/** Forgets the signing under `key`. */
export function clearSigning(key: string): void {
  storage()?.removeItem(key);
}

/**
 * The number the next try at signing the documents under `key` in this tab will carry (1 the first).
 * A request the user stopped waiting for stays in the SmartCA app, so the count survives reloads until
 * signed. Reading it counts nothing: {@link countAttempt} does, once a request may exist in the app.
 */
export function nextAttempt(key: string | undefined): number {
  const store = key ? storage() : undefined;
  return (Number(store?.getItem(`${key}:tries`)) || 0) + 1;
}

/** Records that try `attempt` under `key` may have reached the SmartCA app. */
export function countAttempt(key: string | undefined, attempt: number): void {
  if (key) storage()?.setItem(`${key}:tries`, String(attempt));
}

/** Forgets the tries under `key` (signed: a later signature of the same documents starts again at 1). */
export function clearAttempts(key: string): void {
  storage()?.removeItem(`${key}:tries`);
}

/**
 * Remembers that the signing under `key` stopped for lack of turns and the user is buying some, so
 * that the element comes back in the buy flow after the payment page redirects to the portal.
 */
export function setBuying(key: string, buying: boolean): void {
  if (buying) storage()?.setItem(`${key}:buying`, String(Date.now()));
  else storage()?.removeItem(`${key}:buying`);
}

/** Whether the signing under `key` waits for a purchase (within the last day). */
export function isBuying(key: string): boolean {
  const since = Number(storage()?.getItem(`${key}:buying`));
  return Number.isFinite(since) && since > 0 && Date.now() - since < MAX_AGE_MS;
}

// sessionStorage throws in some sandboxed iframes and privacy modes; the widget then simply does not
// survive a reload.
export function storage(): Storage | undefined {
  try {
    return globalThis.sessionStorage;
  } catch {
    return undefined;
  }
}
