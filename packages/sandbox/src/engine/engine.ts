import { bytesToBase64, hexToBytes } from '@smartca-kit/sdk/core';
import { signDigest } from '../pki/digest-signer.js';
import type {
  CertificateRecord,
  PartnerRecord,
  SandboxState,
  TransactionRecord,
  TransactionSurface,
  UserRecord,
} from '../state/types.js';
import { gatewayNotifyBody } from '../gateway/tran-status.js';
import { sp769WebhookBody } from '../sp769/wire.js';
import { availableTurns, turnCost } from './turns.js';
import type { WebhookSender } from './webhooks.js';
import { forgetFinished, type Retention } from '../state/retention.js';

/** Settings the engine needs from the sandbox options. */
export interface EngineSettings {
  /** Approval window, ms. */
  transactionTtlMs: number;
  /** Approve every app transaction after this many ms. */
  autoApproveMs?: number | undefined;
  /** How long, and how many, settled transactions stay queryable (status, replay detection). */
  settledTransactions: Retention;
  /** The sandbox's clock. */
  now: () => number;
}

/**
 * Told of every settled transaction, before the state that holds the outcome is stored, so what it
 * records is stored with it (commerce's usage history hooks in here; the engine knows nothing of it).
 */
export type SettlementListener = (tx: TransactionRecord, cert: CertificateRecord | undefined) => void;

/** What creating a transaction needs. */
export interface NewTransaction {
  surface: TransactionSurface;
  partner: PartnerRecord;
  user: UserRecord;
  cert: CertificateRecord;
  transactionId: string;
  description: string;
  files: TransactionRecord['files'];
  fingerprint: string;
  notifyUrl?: string | undefined;
  ttlMs?: number | undefined;
}

/**
 * The rules of SmartCA: transactions, approval, expiry and turns. Routes translate the wire contracts
 * onto these calls, so SP769 and the gateway share one behaviour.
 */
export class Engine {
  readonly state: SandboxState;
  readonly #settings: EngineSettings;
  readonly #webhooks: WebhookSender;
  readonly #changed: () => void;
  readonly #timers = new Set<ReturnType<typeof setTimeout>>();
  readonly #signing = new Set<string>();
  readonly #settlementListeners: SettlementListener[] = [];

  constructor(state: SandboxState, settings: EngineSettings, webhooks: WebhookSender, changed: () => void) {
    this.state = state;
    this.#settings = settings;
    this.#webhooks = webhooks;
    this.#changed = changed;
    for (const tx of state.transactions) if (tx.status === 'pending') this.#schedule(tx);
  }

  /** The sandbox's current time. */
  now(): number {
    return this.#settings.now();
  }

  /** The partner with this id, when the password (if given) matches. */
  partner(spId: unknown, password?: unknown): PartnerRecord | undefined {
    const partner = this.state.partners.find((p) => p.spId === spId);
    if (!partner || (password !== undefined && partner.spPassword !== password)) return undefined;
    return partner;
  }

  /** The user with this id. */
  user(userId: unknown): UserRecord | undefined {
    return this.state.users.find((u) => u.userId === userId);
  }

  /** The user's certificates. */
  certificatesOf(userId: string): CertificateRecord[] {
    return this.state.certificates.filter((c) => c.userId === userId);
  }

  /** A certificate by id. */
  certificate(certId: string): CertificateRecord | undefined {
    return this.state.certificates.find((c) => c.certId === certId);
  }

  /**
   * A transaction by VNPT id, or else by partner id (the newest with it: the gateway's `refTranId` may
   * repeat), expiring it first if its window has passed.
   */
  transaction(id: string, spId?: string, surface?: TransactionSurface): TransactionRecord | undefined {
    const matches = (t: TransactionRecord) =>
      (spId === undefined || t.spId === spId) && (surface === undefined || t.surface === surface);
    const tx =
      this.byTranId(id, matches) ?? this.state.transactions.findLast((t) => t.transactionId === id && matches(t));
    if (tx) this.refresh(tx);
    return tx;
  }

  /** A transaction by VNPT's id only (`tranId`, `tran_code`), expiring it first if its window has passed. */
  byTranId(tranId: string, matches: (t: TransactionRecord) => boolean = () => true): TransactionRecord | undefined {
    const tx = this.state.transactions.find((t) => t.tranId === tranId && matches(t));
    if (tx) this.refresh(tx);
    return tx;
  }

  /** A partner's earlier transaction with this id on this surface family, for replay detection. */
  previous(spId: string, transactionId: string, surfaces: TransactionSurface[]): TransactionRecord | undefined {
    return this.state.transactions.find(
      (t) => t.spId === spId && t.transactionId === transactionId && surfaces.includes(t.surface),
    );
  }

  /** Whether the certificate has turns for `digests` more signatures through this partner. */
  canAfford(partner: PartnerRecord, cert: CertificateRecord, digests: number): boolean {
    return availableTurns(cert) >= turnCost(partner, cert, digests);
  }

  /** Records a pending transaction and reserves its turns. Callers have checked everything else. */
  create(input: NewTransaction): TransactionRecord {
    const createdAt = this.now();
    const tx: TransactionRecord = {
      tranId: globalThis.crypto.randomUUID(),
      transactionId: input.transactionId,
      surface: input.surface,
      spId: input.partner.spId,
      userId: input.user.userId,
      certId: input.cert.certId,
      description: input.description,
      files: input.files,
      fingerprint: input.fingerprint,
      createdAt,
      expiresAt: createdAt + (input.ttlMs ?? this.#settings.transactionTtlMs),
      status: 'pending',
      cost: turnCost(input.partner, input.cert, input.files.length),
      notifyUrl: input.notifyUrl,
    };
    input.cert.pack.reserved += tx.cost;
    this.#prune(createdAt);
    this.state.transactions.push(tx);
    this.#schedule(tx);
    this.#changed();
    return tx;
  }

  /** The user approves: every digest is signed with the certificate's key and the turns are charged. */
  async approve(tx: TransactionRecord): Promise<TransactionRecord> {
    this.refresh(tx);
    if (tx.status !== 'pending' || this.#signing.has(tx.tranId)) return tx;
    const cert = this.certificate(tx.certId);
    if (!cert) return this.#settle(tx, 'failed');
    this.#signing.add(tx.tranId);
    try {
      const signatures = await Promise.all(
        tx.files.map(async (f) =>
          bytesToBase64(await signDigest(cert.keyPkcs8, hexToBytes(f.digestHex) as Uint8Array)),
        ),
      );
      if (tx.status === 'pending') tx.signatures = signatures;
      return this.#settle(tx, 'signed');
    } catch {
      return this.#settle(tx, 'failed');
    } finally {
      this.#signing.delete(tx.tranId);
    }
  }

  /** The user rejects in the app. No turn is used. */
  reject(tx: TransactionRecord): TransactionRecord {
    this.refresh(tx);
    return tx.status === 'pending' ? this.#settle(tx, 'rejected') : tx;
  }

  /** Expires `tx` if its window has passed. */
  refresh(tx: TransactionRecord): void {
    if (tx.status === 'pending' && this.now() >= tx.expiresAt) this.#settle(tx, 'expired');
  }

  /** Calls `listener` for every transaction that settles from now on. */
  onSettled(listener: SettlementListener): void {
    this.#settlementListeners.push(listener);
  }

  /** Stops every timer (server shutdown). */
  close(): void {
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.clear();
  }

  /** Forgets settled transactions past their retention and beyond the cap; pending ones stay. */
  #prune(now: number): void {
    forgetFinished(
      this.state.transactions,
      (t) => (t.status === 'pending' ? undefined : (t.settledAt ?? t.expiresAt)),
      now,
      this.#settings.settledTransactions,
    );
  }

  #settle(tx: TransactionRecord, status: Exclude<TransactionRecord['status'], 'pending'>): TransactionRecord {
    if (tx.status !== 'pending') return tx; // first outcome wins: approve, reject and expiry can race
    const cert = this.certificate(tx.certId);
    if (cert) {
      cert.pack.reserved = Math.max(0, cert.pack.reserved - tx.cost);
      if (status === 'signed') cert.pack.signedTurn += tx.cost;
    }
    tx.status = status;
    tx.settledAt = this.now();
    if (status !== 'signed') tx.sad = undefined;
    for (const listener of this.#settlementListeners) listener(tx, cert);
    // Changed first: the callback waits for the state that holds this outcome to be stored.
    this.#changed();
    this.#notify(tx);
    return tx;
  }

  #notify(tx: TransactionRecord): void {
    if (tx.surface === 'sp769') {
      const url = this.partner(tx.spId)?.webhookUrl;
      if (url) this.#webhooks.send('sp769', url, sp769WebhookBody(tx));
    } else if (tx.surface === 'gateway' && tx.notifyUrl) {
      this.#webhooks.send('gateway-notify', tx.notifyUrl, gatewayNotifyBody(tx));
    }
  }

  #schedule(tx: TransactionRecord): void {
    this.#after(tx.expiresAt - this.now(), () => this.refresh(tx));
    const auto = this.#settings.autoApproveMs;
    if (auto !== undefined && tx.surface !== 'sp769-th') this.#after(auto, () => void this.approve(tx));
  }

  #after(ms: number, run: () => void): void {
    const timer = setTimeout(
      () => {
        this.#timers.delete(timer);
        run();
      },
      Math.max(0, ms),
    );
    (timer as { unref?: () => void }).unref?.();
    this.#timers.add(timer);
  }
}
