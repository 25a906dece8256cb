import {
  createRelayClient,
  type RelayBalance,
  type RelayClient,
  type RelayOrder,
  type RelayOrderStatus,
  type RelayPaymentMethod,
  type RelayTurnPack,
} from '@smartca-kit/sdk/relay-client';
import { clearPurchase, loadPurchase, purchaseKeyFor, savePurchase } from '../internal/purchase-store.js';
import { failureOf } from '../internal/failure.js';
import { Flow } from '../internal/flow.js';
import { randomKey } from '../internal/random.js';
import type { Failure } from '../internal/failure.js';

/**
 * Where a purchase is: `loading` the balance and catalog → `choosing` a pack and a payment method →
 * `redirecting` to the payment page → `confirming` the payment on return → `paid`; a declined,
 * abandoned or expired payment goes back to `choosing` with `outcome` set. `unlimited`: the
 * certificate's package has no turn limit, so there is nothing to buy.
 */
export type BuyPhase = 'loading' | 'choosing' | 'unlimited' | 'redirecting' | 'confirming' | 'paid' | 'error';

/** Everything `<smartca-buy-turns>` renders from. */
export interface BuySnapshot {
  phase: BuyPhase;
  packs: RelayTurnPack[];
  /** The balance when the flow opened (or before paying, after a redirect). */
  before?: RelayBalance | undefined;
  /** The balance once paid. */
  after?: RelayBalance | undefined;
  /** The order being paid, or the one that settled. */
  order?: RelayOrder | undefined;
  /** Why the last payment did not go through. */
  outcome?: Exclude<RelayOrderStatus, 'pending' | 'paid'> | undefined;
  failure?: Failure | undefined;
}

/** Where to buy, and with which session. */
export interface BuyFlowConfig {
  endpoint: string;
  session: string;
}

const LONG_POLL_SECONDS = 25;

/**
 * The buy-turns state machine, without any DOM. It keeps the order in sessionStorage while the user
 * is on the payment page, so that the element coming back with the portal picks it up.
 */
export class BuyFlow extends Flow<BuySnapshot> {
  constructor(onChange: (next: BuySnapshot, previous: BuySnapshot) => void) {
    super({ phase: 'loading', packs: [] }, onChange);
  }

  /** Loads the balance and the catalog, then follows an order stored before a redirect, if any. */
  async open(config: BuyFlowConfig): Promise<void> {
    const signal = this.begin();
    const client = clientOf(config);
    const key = await purchaseKeyFor(config.session);
    const stored = key ? loadPurchase(key) : undefined;
    this.set({ phase: stored ? 'confirming' : 'loading', packs: [] });
    try {
      const [balance, packs] = await Promise.all([client.balance({ signal }), client.turnPacks({ signal })]);
      const before = stored ? { unlimited: false, availableTurns: stored.turnsBefore } : balance;
      if (!stored) {
        this.set({ phase: balance.unlimited ? 'unlimited' : 'choosing', packs, before });
        return;
      }
      this.set({ phase: 'confirming', packs, before });
      await this.#confirm(client, key, stored.orderId, signal);
    } catch (error) {
      this.#fail(error, signal);
    }
  }

  /**
   * Orders `pricingCode` and keeps the order for the return from the payment page. Resolves with the
   * order, whose `paymentUrl` the element sends the user to; undefined when it failed.
   */
  async order(
    config: BuyFlowConfig,
    choice: { pricingCode: string; paymentMethod: RelayPaymentMethod; returnUrl: string },
  ): Promise<RelayOrder | undefined> {
    const signal = this.begin();
    const key = await purchaseKeyFor(config.session);
    this.set({ ...this.snapshot, phase: 'redirecting', outcome: undefined, failure: undefined });
    try {
      const order = await clientOf(config).createOrder(
        { ...choice, quantity: 1 },
        { idempotencyKey: randomKey(), signal },
      );
      if (key) savePurchase(key, { orderId: order.id, turnsBefore: this.snapshot.before?.availableTurns ?? null });
      this.set({ ...this.snapshot, order });
      return order;
    } catch (error) {
      this.#fail(error, signal);
      return undefined;
    }
  }

  /** Follows the order in place: the page opened the payment page elsewhere (a new tab, a popup). */
  async follow(config: BuyFlowConfig): Promise<void> {
    const { order } = this.snapshot;
    if (!order) return;
    const signal = this.begin();
    this.set({ ...this.snapshot, phase: 'confirming' });
    await this.#confirm(clientOf(config), await purchaseKeyFor(config.session), order.id, signal).catch(
      (error: unknown) => this.#fail(error, signal),
    );
  }

  async #confirm(client: RelayClient, key: string | undefined, orderId: string, signal: AbortSignal): Promise<void> {
    let order = await client.orderStatus(orderId, { waitSeconds: LONG_POLL_SECONDS, signal });
    while (order.status === 'pending')
      order = await client.orderStatus(orderId, { waitSeconds: LONG_POLL_SECONDS, signal });
    if (key) clearPurchase(key);
    if (order.status === 'paid') {
      this.set({ ...this.snapshot, phase: 'paid', order, after: await client.balance({ signal }) });
    } else {
      this.set({ ...this.snapshot, phase: 'choosing', order, outcome: order.status });
    }
  }

  #fail(error: unknown, signal: AbortSignal): void {
    if (signal.aborted) return;
    this.set({
      ...this.snapshot,
      phase: 'error',
      failure: failureOf(error, 'smartca-buy-turns', {
        vi: 'Đã xảy ra lỗi không mong đợi khi mua lượt ký.',
        en: 'An unexpected error occurred while buying turns.',
      }),
    });
  }
}

function clientOf(config: BuyFlowConfig): RelayClient {
  return createRelayClient({ endpoint: config.endpoint, session: config.session });
}
