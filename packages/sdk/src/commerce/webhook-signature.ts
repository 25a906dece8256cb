import { ConfigurationError } from '../errors/configuration-error.js';
import { InvalidInputError } from '../errors/invalid-input-error.js';
import { WebhookSignatureError, type WebhookFailure } from '../errors/webhook-signature-error.js';
import { bytesToHex, constantTimeEqual, hexToBytes } from '../internal/bytes.js';
import { hmacSha256 } from '../internal/hmac.js';
import { loadZod } from '../internal/lazy-schema.js';
import { toOrder, toRegistration } from '../protocol/commerce/map.js';
import { wireEvent } from '../protocol/commerce/schemas.js';
import type { Order, Registration } from '../model/commerce.js';
import type { SmartCAStore } from '../model/store.js';
import { createMemoryStore } from '../store/memory-store.js';

/**
 * The header that carries a commerce webhook's signature: `t=<unix seconds>,d=<delivery id>,v1=<hex>`,
 * where `v1` is HMAC-SHA256 over `<t>.<d>.<raw body>` (one `v1` per active secret). `d` is new on every
 * delivery attempt, so a retry is never mistaken for a replay, and a replayed attempt always is.
 */
export const WEBHOOK_SIGNATURE_HEADER = 'smartca-signature';
/** The default tolerance between the signature's timestamp and now, seconds. */
export const DEFAULT_WEBHOOK_TOLERANCE_SECONDS = 300;

/** A verified commerce event. `id` is the same on every delivery attempt: deduplicate on it. */
export type CommerceEvent =
  | {
      /** The event's id. */
      id: string;
      /** What happened to the order. */
      type: 'order.paid' | 'order.declined' | 'order.abandoned' | 'order.expired';
      /** When it happened. */
      createdAt: Date;
      /** The order after the change. */
      order: Order;
    }
  | {
      /** The event's id. */
      id: string;
      /** A registration changed step or certificate state. */
      type: 'registration.updated';
      /** When it happened. */
      createdAt: Date;
      /** The registration after the change. */
      registration: Registration;
    };

/**
 * Remembers deliveries already accepted, so a replay is refused. `seen` answers whether `key` was seen
 * before and records it until `expiresAt` (epoch ms); it must do both atomically. Share one store
 * (e.g. Redis `SET NX PX`) between the instances of a receiver.
 */
export interface WebhookReplayStore {
  /** True when `key` was recorded before; records it otherwise. */
  seen(key: string, expiresAt: number): boolean | Promise<boolean>;
}

/** Options of {@link verifyWebhook}. */
export interface VerifyWebhookOptions {
  /** The signing secret, or several while rotating: a signature by any of them is accepted. */
  secrets: string | readonly string[];
  /** Largest accepted distance between the signature's timestamp and now. Default 300 s. */
  toleranceSeconds?: number | undefined;
  /**
   * Where accepted deliveries are remembered (`store.deliveries`), so that a replay is refused by every
   * instance of the receiver and after a restart: give them one shared store, e.g. the client's
   * `smartca.store` on Redis or PostgreSQL. Default: this process's memory.
   */
  store?: SmartCAStore | undefined;
  /** A replay store of your own, in place of `store`. */
  replayStore?: WebhookReplayStore | undefined;
  /** The clock, epoch ms (tests). Default `Date.now`. */
  now?: (() => number) | undefined;
}

/** The headers of a webhook request: Fetch `Headers`, or Node's `req.headers`. */
export type WebhookHeaders = Headers | Record<string, string | string[] | undefined>;

/**
 * Verifies a commerce webhook (`order.*`, `registration.updated`) and returns its event. The signature
 * is HMAC-SHA256 over `<t>.<d>.<raw body>` with your secret; the raw body must be the bytes as received.
 * Refused with {@link WebhookSignatureError}: a missing or malformed header, a timestamp more than
 * `toleranceSeconds` away, a signature made with none of `secrets`, a delivery already accepted (a
 * replay), or a body that is not an event. A parsed object is refused with `InvalidInputError`: parsing
 * and re-serialising changes the bytes, so the signature could not be checked.
 *
 * Deliveries are retried until you answer 2xx; every attempt has its own delivery id `d` and is signed
 * afresh, but carries the same event `id`: record the ids you have processed.
 *
 * @example
 * ```ts
 * app.post('/smartca/events', express.raw({ type: '*\/*' }), async (req, res) => {
 *   const event = await verifyWebhook(req.body, req.headers, { secrets: [current, previous] });
 *   if (await alreadyProcessed(event.id)) return res.sendStatus(200);
 *   // ... handle event.type
 *   res.sendStatus(200);
 * });
 * ```
 */
export async function verifyWebhook(
  rawBody: string | Uint8Array | ArrayBuffer,
  headers: WebhookHeaders,
  options: VerifyWebhookOptions,
): Promise<CommerceEvent> {
  const bytes = rawBytes(rawBody);
  const secrets = typeof options.secrets === 'string' ? [options.secrets] : [...(options.secrets ?? [])];
  if (secrets.length === 0 || secrets.some((s) => typeof s !== 'string' || s === '')) {
    throw new ConfigurationError({
      code: 'WEBHOOK_SECRET_MISSING',
      message: {
        vi: 'Cần ít nhất một secret webhook (chuỗi không rỗng).',
        en: 'Pass at least one webhook secret (a non-empty string).',
      },
    });
  }
  const header = headerValue(headers, WEBHOOK_SIGNATURE_HEADER);
  if (!header) throw refused('missing-header', `no ${WEBHOOK_SIGNATURE_HEADER} header`);
  const parsed = parseSignatureHeader(header);
  if (!parsed) throw refused('malformed-header', `${WEBHOOK_SIGNATURE_HEADER} is not t=<seconds>,d=<id>,v1=<hex>`);
  const now = (options.now ?? Date.now)();
  const tolerance = options.toleranceSeconds ?? DEFAULT_WEBHOOK_TOLERANCE_SECONDS;
  if (Math.abs(now / 1000 - parsed.timestamp) > tolerance) {
    throw refused('timestamp-out-of-tolerance', `the timestamp is more than ${tolerance} s from now`);
  }
  const signed = concat(new TextEncoder().encode(`${parsed.timestamp}.${parsed.delivery}.`), bytes);
  let match = false;
  for (const secret of secrets) {
    const expected = await hmacSha256(secret, signed);
    for (const candidate of parsed.signatures) match = constantTimeEqual(expected, candidate) || match;
  }
  if (!match) throw refused('signature-mismatch', 'no signature matches any of the secrets');
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    json = undefined;
  }
  await loadZod();
  const event = wireEvent.safeParse(json);
  if (!event.success) throw refused('malformed-body', 'the body is not a commerce event');
  const store = options.replayStore ?? replayStoreOf(options.store ?? (processDeliveries ??= createMemoryStore()), now);
  // Remembered until the timestamp is out of tolerance anyway (a replay after that is refused for its age).
  if (await store.seen(parsed.delivery, (parsed.timestamp + tolerance) * 1000 + 1000)) {
    throw refused('replayed', `delivery ${parsed.delivery} of ${event.data.id} was already accepted`);
  }
  const wire = event.data;
  return wire.type === 'registration.updated'
    ? {
        id: wire.id,
        type: wire.type,
        createdAt: new Date(wire.createdAt),
        registration: toRegistration(wire.data.registration),
      }
    : { id: wire.id, type: wire.type, createdAt: new Date(wire.createdAt), order: toOrder(wire.data.order) };
}

/**
 * The `smartca-signature` header value for one delivery attempt of `rawBody`, signed with each of
 * `secrets` at `timestamp` (unix seconds). The sandbox signs its deliveries with it; use it to test
 * your receiver. `deliveryId` defaults to a new random id.
 */
export async function createWebhookSignatureHeader(
  rawBody: string | Uint8Array,
  secrets: string | readonly string[],
  timestamp = Math.floor(Date.now() / 1000),
  deliveryId: string = globalThis.crypto.randomUUID(),
): Promise<string> {
  if (!DELIVERY_ID.test(deliveryId)) throw new RangeError('deliveryId must be 8 to 64 of [A-Za-z0-9_-]');
  const bytes = typeof rawBody === 'string' ? new TextEncoder().encode(rawBody) : rawBody;
  const signed = concat(new TextEncoder().encode(`${timestamp}.${deliveryId}.`), bytes);
  const list = typeof secrets === 'string' ? [secrets] : secrets;
  const parts = [`t=${timestamp}`, `d=${deliveryId}`];
  for (const secret of list) parts.push(`v1=${bytesToHex(await hmacSha256(secret, signed))}`);
  return parts.join(',');
}

function rawBytes(body: unknown): Uint8Array {
  if (typeof body === 'string') return new TextEncoder().encode(body);
  if (body instanceof Uint8Array) return body;
  if (body instanceof ArrayBuffer) return new Uint8Array(body);
  throw new InvalidInputError({
    field: 'rawBody',
    code: 'WEBHOOK_RAW_BODY_REQUIRED',
    message: {
      vi: 'Hãy truyền nội dung webhook nguyên bản (chuỗi hoặc byte), không phải đối tượng JSON đã phân tích: chữ ký được tính trên từng byte.',
      en:
        'Pass the raw webhook body (a string or bytes), not parsed JSON: the signature covers the exact bytes ' +
        '(e.g. express.raw() instead of express.json()).',
    },
  });
}

function headerValue(headers: WebhookHeaders, name: string): string | undefined {
  if (typeof (headers as Headers).get === 'function') return (headers as Headers).get(name) ?? undefined;
  for (const [key, value] of Object.entries(headers as Record<string, string | string[] | undefined>)) {
    if (key.toLowerCase() === name) return Array.isArray(value) ? value.join(',') : value;
  }
  return undefined;
}

const DELIVERY_ID = /^[A-Za-z0-9_-]{8,64}$/;

function parseSignatureHeader(
  header: string,
): { timestamp: number; delivery: string; signatures: Uint8Array[] } | undefined {
  let timestamp: number | undefined;
  let delivery: string | undefined;
  const signatures: Uint8Array[] = [];
  for (const part of header.split(',')) {
    const [key, value = ''] = part.trim().split('=', 2);
    if (key === 't' && /^\d{1,12}$/.test(value)) timestamp = Number(value);
    if (key === 'd' && DELIVERY_ID.test(value)) delivery = value;
    if (key === 'v1') {
      const bytes = hexToBytes(value);
      if (bytes && bytes.length === 32) signatures.push(bytes);
    }
  }
  return timestamp === undefined || delivery === undefined || signatures.length === 0
    ? undefined
    : { timestamp, delivery, signatures };
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

function refused(reason: WebhookFailure, detail: string): WebhookSignatureError {
  return new WebhookSignatureError({
    reason,
    message: {
      vi: `Từ chối webhook SmartCA: ${detail}.`,
      en: `Refused the SmartCA webhook: ${detail}.`,
    },
  });
}

// Deliveries accepted by this process when no store is given: a memory store's delivery log, made on
// first use, with the same expiry rule as every other store.
let processDeliveries: SmartCAStore | undefined;

/** The deliveries of a {@link SmartCAStore}, as a replay store: TTLs are relative, from the verifier's clock. */
function replayStoreOf(store: SmartCAStore, now: number): WebhookReplayStore {
  return {
    seen: async (key, expiresAt) => !(await store.deliveries.claim(`webhook:${key}`, Math.max(1000, expiresAt - now))),
  };
}
