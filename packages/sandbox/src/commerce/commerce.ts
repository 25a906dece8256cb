import { forgetFinished, type Retention } from '../state/retention.js';
import type { Engine } from '../engine/engine.js';
import type { EventOutbox } from './event-outbox.js';
import {
  commerceOf,
  type CommerceState,
  type NotificationRecord,
  type OrderRecord,
  type RegistrationRecord,
} from './state.js';
import { iso, orderView, registrationView } from './views.js';
import { recordSignature } from './usage.js';

/** The commerce settings taken from the sandbox options. */
export interface CommerceSettings {
  /** How long an unpaid order can be paid, ms. */
  orderTtlMs: number;
  /** Approve every dossier in appraisal after this many ms. Default: wait for the admin API. */
  registrationApprovalMs?: number | undefined;
  /** How long, and how many, settled turn-pack orders and outbox messages are kept. */
  history: Retention;
}

/** Lifetimes of the one-time codes: 10 minutes for an activation code, 5 for a contract OTP. */
export const ACTIVATION_CODE_TTL_MS = 10 * 60 * 1000;
export const CONTRACT_OTP_TTL_MS = 5 * 60 * 1000;

/**
 * What the commerce logic shares: the engine (users, certificates, the clock), the commerce state, the
 * notifications outbox, signed event delivery and timers. One per sandbox build.
 */
export class Commerce {
  readonly engine: Engine;
  readonly state: CommerceState;
  readonly settings: CommerceSettings;
  readonly #outbox: EventOutbox;
  readonly #changed: () => void;
  readonly #timers = new Set<ReturnType<typeof setTimeout>>();

  constructor(engine: Engine, settings: CommerceSettings, outbox: EventOutbox, changed: () => void) {
    this.engine = engine;
    this.state = commerceOf(engine.state);
    this.settings = settings;
    this.#outbox = outbox;
    this.#changed = changed;
    // A signature's turns enter the usage history as it settles, stored with the outcome.
    engine.onSettled((tx, cert) => {
      if (tx.status === 'signed' && cert) recordSignature(engine.state, tx, cert, engine.partner(tx.spId));
    });
  }

  /** The sandbox's clock. */
  now(): number {
    return this.engine.now();
  }

  /** Reports a change made outside a request (a timer), so that `--data` persists it. */
  changed(): void {
    this.#changed();
  }

  /** Writes a message into the outbox, where tests and the virtual phone read it. */
  notify(message: Omit<NotificationRecord, 'id' | 'createdAt'>): NotificationRecord {
    const record: NotificationRecord = { id: globalThis.crypto.randomUUID(), createdAt: this.now(), ...message };
    forgetFinished(this.state.notifications, (n) => n.createdAt, record.createdAt, this.settings.history);
    this.state.notifications.push(record);
    return record;
  }

  /**
   * Forgets settled turn-pack orders past the retention and beyond the cap. Pending orders stay, and
   * so do orders of a registration (one per dossier, and the dossier points at it).
   */
  pruneOrders(): void {
    forgetFinished(
      this.state.orders,
      (o) => (o.status === 'PENDING' || o.registrationId ? undefined : (o.paidAt ?? o.settledAt ?? o.expiresAt)),
      this.now(),
      this.settings.history,
    );
  }

  /** Sends `order.<status>` to the partner that created the order. */
  emitOrder(order: OrderRecord): void {
    this.#emit(order.spId, `order.${order.status.toLowerCase()}`, { order: orderView(order) });
  }

  /** Sends `registration.updated` to the partner that started the registration, and stamps the change. */
  emitRegistration(registration: RegistrationRecord): void {
    registration.updatedAt = this.now();
    this.#emit(registration.spId, 'registration.updated', {
      registration: registrationView(registration, this.serialOf(registration)),
    });
  }

  /** The serial number of a registration's certificate, once issued. */
  serialOf(registration: RegistrationRecord): string | undefined {
    return registration.certId ? this.engine.certificate(registration.certId)?.serialNumber : undefined;
  }

  /** Runs `task` after `ms` unless the sandbox closes first. */
  after(ms: number, task: () => void): void {
    const timer = setTimeout(
      () => {
        this.#timers.delete(timer);
        task();
      },
      Math.max(0, ms),
    );
    (timer as { unref?: () => void }).unref?.();
    this.#timers.add(timer);
  }

  /** Stops the timers. */
  close(): void {
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.clear();
  }

  /** Puts the event into the persisted outbox, which delivers it once it is on disk, and retries. */
  #emit(spId: string, type: string, data: Record<string, unknown>): void {
    const partner = this.engine.partner(spId);
    const url = partner?.commerceWebhookUrl;
    if (!url || (partner?.webhookSecrets ?? []).length === 0) return;
    const id = `evt_${globalThis.crypto.randomUUID()}`;
    this.#outbox.enqueue(spId, url, id, { id, type, createdAt: iso(this.now()), data });
  }
}
