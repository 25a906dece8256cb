import { IdempotencyError } from '../../errors/idempotency-error.js';
import { bytesToBase64Url } from '../../internal/bytes.js';
import { randomId } from '../../internal/ids.js';
import { sleep } from '../../internal/sleep.js';
import type { IdempotencyRecord, SmartCAStore } from '../../model/store.js';

/** How one idempotent route keeps its records. */
export interface IdempotencyScope {
  /** The store's key prefix for this route, e.g. `relay:order:<user>`: keys of two routes or users never meet. */
  scope: string;
  /** How long the answer is replayed to a retry, ms. */
  doneTtlMs: number;
}

// A request that died (a crash, a store that failed after SmartCA answered) holds its key this long at
// most; its retry then runs again, which SmartCA answers with the same transaction or order anyway,
// since the key also reaches SmartCA.
const STARTED_TTL_MS = 60_000;
// A retry that finds the first request under way waits this long for its answer before a 409.
const IN_PROGRESS_WAIT_MS = 5000;
const IN_PROGRESS_POLL_MS = 100;

interface StoredResponse {
  status: number;
  body: string;
}

/**
 * Runs `send` once per `Idempotency-Key`, across every relay instance on the store and across restarts:
 * a retry gets the first answer (status and body) without calling SmartCA again; a retry that arrives
 * while the first runs waits for it; the same key with another body is refused. A failure frees the
 * key for the next retry. A store that cannot be reached fails the call (`StoreError`, 503) before
 * SmartCA is called: an unrecorded call could not be recognised when retried.
 */
export async function idempotentCall(
  store: SmartCAStore,
  scope: IdempotencyScope,
  key: string | undefined,
  body: unknown,
  send: () => Promise<Response>,
): Promise<Response> {
  if (key === undefined) return send();
  const storeKey = `${scope.scope}:${key}`;
  const fingerprint = await fingerprintOf(body);
  const deadline = Date.now() + IN_PROGRESS_WAIT_MS;
  const owner = randomId();
  for (;;) {
    let begun;
    try {
      begun = await store.idempotency.begin(storeKey, fingerprint, STARTED_TTL_MS, owner);
    } catch (error) {
      // Timed out or cut off: the store may still take the key once it answers (a command queued for a
      // reconnect, a statement waiting on a lock), and every retry would then hear "in progress" for a
      // minute. Nothing was sent to SmartCA, so give the key back as soon as the store takes commands.
      releaseLater(store, storeKey, owner);
      throw error;
    }
    if (begun.acquired) return run(store, storeKey, begun.owner, scope.doneTtlMs, send);
    const { record } = begun;
    if (record.fingerprint !== '' && record.fingerprint !== fingerprint) throw reused();
    if (record.state === 'done') return replay(record);
    if (Date.now() > deadline) throw inProgress();
    await sleep(IN_PROGRESS_POLL_MS);
  }
}

async function run(
  store: SmartCAStore,
  key: string,
  owner: string,
  ttlMs: number,
  send: () => Promise<Response>,
): Promise<Response> {
  let response: Response;
  try {
    response = await send();
  } catch (error) {
    await store.idempotency.abandon(key, owner).catch(() => undefined);
    throw error;
  }
  const text = await response.text();
  const stored: StoredResponse = { status: response.status, body: text };
  // SmartCA has answered: a store failure now must not turn that answer into an error. The record then
  // stays `started` until it expires, and a retry runs again (SmartCA knows the key too).
  await store.idempotency.finish(key, owner, JSON.stringify(stored), ttlMs).catch(() => undefined);
  return new Response(text, { status: response.status, headers: response.headers });
}

// When a failed begin's key is given back: at once (behind the begin, in the same queue or lock), and
// again while a restarted store comes back.
const RELEASE_AFTER_MS = [0, 1000, 3000, 10_000];

/** Best-effort `abandon` of a key a failed `begin` may have taken; it never throws, and frees only `owner`'s. */
function releaseLater(store: SmartCAStore, key: string, owner: string): void {
  for (const delay of RELEASE_AFTER_MS) {
    const timer = setTimeout(() => void store.idempotency.abandon(key, owner).catch(() => undefined), delay);
    (timer as { unref?: () => void }).unref?.();
  }
}

function replay(record: IdempotencyRecord): Response {
  const stored = JSON.parse(record.response ?? '{}') as Partial<StoredResponse>;
  return new Response(stored.body ?? '', {
    status: stored.status ?? 200,
    headers: { 'content-type': 'application/json', 'idempotent-replayed': 'true' },
  });
}

async function fingerprintOf(body: unknown): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest('SHA-256', new TextEncoder().encode(JSON.stringify(body ?? {})));
  return bytesToBase64Url(new Uint8Array(digest));
}

function reused(): IdempotencyError {
  return new IdempotencyError({
    code: 'IDEMPOTENCY_KEY_REUSED',
    status: 409,
    message: {
      vi: 'Idempotency-Key này đã được dùng cho một yêu cầu khác; hãy tạo khoá mới cho mỗi thao tác.',
      en: 'This Idempotency-Key was already used for a different request; use a new key for each operation.',
    },
  });
}

function inProgress(): IdempotencyError {
  return new IdempotencyError({
    code: 'IDEMPOTENCY_REQUEST_IN_PROGRESS',
    status: 409,
    message: {
      vi: 'Yêu cầu cùng Idempotency-Key đang được xử lý; hãy thử lại sau giây lát.',
      en: 'A request with this Idempotency-Key is still being processed; retry shortly.',
    },
  });
}
