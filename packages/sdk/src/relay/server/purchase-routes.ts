import type { SmartCA } from '../../client.js';
import type { CertificateBalance, Order } from '../../model/commerce.js';
import { InvalidInputError } from '../../errors/invalid-input-error.js';
import { COMMERCE_CODES } from '../../protocol/commerce/codes.js';
import { RELAY_REQUEST_CODES } from '../contract/error-body.js';
import {
  createOrderBodySchema,
  orderStatusBodySchema,
  PURCHASE_ROUTES,
  type CreateOrderBody,
  type RelayBalance,
  type RelayOrder,
} from '../contract/purchase-wire.js';
import type { SessionClaims } from '../contract/session-claims.js';
import { idempotencyKeyOf } from './idempotency-key.js';
import { refuse } from './refusals.js';
import { json, readBody, type RelayRoute, type RouteContext } from './route-kit.js';
import { SharedPoll } from './shared-poll.js';
import { idempotentCall } from './idempotent-call.js';
import type { SmartCAStore } from '../../model/store.js';

/** What the purchase routes need from the relay. */
export interface PurchaseRouteDeps {
  client: SmartCA;
  /** Where an order's `Idempotency-Key` is recorded, for every instance. */
  store: SmartCAStore;
  /** The longest an order-status call may be held open, in ms. */
  maxWaitMs: number;
}

/**
 * A signing token may buy too: when a signature fails for lack of turns, `<smartca-sign>` switches to
 * the buy flow with the token it holds. Every purchase route acts for the token's user only, and an
 * order costs nothing until the user pays on the hosted page, so this grants nothing a signing page
 * could abuse. A `purchase` token (no documents) serves a standalone `<smartca-buy-turns>`.
 */
const BUYERS = ['purchase', 'sign'] as const;

// How often a held order-status call re-reads the order. The payment page settles an order in one
// step, so a second is as soon as a person notices. One read a second per order, however many pages
// wait on it: the reads are shared.
const ORDER_POLL_MS = 1000;
// An order body carries a return URL of up to 2,048 characters (up to 3 bytes each in UTF-8).
const ORDER_BODY_LIMIT_BYTES = 8 * 1024;
// A retried click is answered from the store for a day, as SmartCA's own idempotency keys are.
const ORDER_REPLAY_MS = 24 * 60 * 60_000;

/** Balance, catalog, create an order, follow its payment: everything `<smartca-buy-turns>` calls. */
export function purchaseRoutes(deps: PurchaseRouteDeps): RelayRoute[] {
  const orders = new SharedPoll<Order>(ORDER_POLL_MS);
  return [
    { path: PURCHASE_ROUTES.balance, purposes: BUYERS, handle: (ctx) => balance(deps, ctx) },
    { path: PURCHASE_ROUTES.catalog, purposes: BUYERS, handle: (ctx) => catalog(deps, ctx) },
    {
      path: PURCHASE_ROUTES.createOrder,
      purposes: BUYERS,
      maxBodyBytes: ORDER_BODY_LIMIT_BYTES,
      handle: (ctx) => createOrder(deps, ctx),
    },
    { path: PURCHASE_ROUTES.orderStatus, purposes: BUYERS, handle: (ctx) => orderStatus(deps, orders, ctx) },
  ];
}

async function balance(deps: PurchaseRouteDeps, { request, claims }: RouteContext): Promise<Response> {
  const all = await deps.client.packages.balance({
    userId: claims.userId,
    serialNumber: claims.serialNumber,
    signal: request.signal,
  });
  // The personal signing certificate unless the token names one: that is what `<smartca-sign>` uses.
  const chosen = all.find((b) => b.serviceType === 'SMARTCA') ?? all[0];
  return json({ balance: balanceView(chosen) });
}

async function catalog(deps: PurchaseRouteDeps, { request }: RouteContext): Promise<Response> {
  const { turnPacks } = await deps.client.packages.catalog({ signal: request.signal });
  return json({
    catalog: {
      currency: 'VND',
      turnPacks: turnPacks.map((p) => ({ pricingCode: p.pricingCode, name: p.name, turns: p.turns, price: p.price })),
    },
  });
}

async function createOrder(deps: PurchaseRouteDeps, context: RouteContext): Promise<Response> {
  const { request, claims } = context;
  const body = readBody(context, createOrderBodySchema);
  const key = idempotencyKeyOf(request);
  // The payment page redirects there: only the portal's own pages, never an open redirect.
  if (!claims.origins.includes(originOf(body.returnUrl))) throw refuse('RETURN_URL_NOT_ALLOWED');
  return idempotentCall(
    deps.store,
    { scope: `relay:order:${claims.userId}`, doneTtlMs: ORDER_REPLAY_MS },
    key,
    body,
    () => sendOrder(deps, context, body, key),
  );
}

async function sendOrder(
  deps: PurchaseRouteDeps,
  { request, claims }: RouteContext,
  body: CreateOrderBody,
  key: string | undefined,
): Promise<Response> {
  const order = await deps.client.payments
    .createOrder({
      userId: claims.userId,
      serialNumber: claims.serialNumber,
      pricingCode: body.pricingCode,
      quantity: body.quantity ?? 1,
      paymentMethod: body.paymentMethod,
      returnUrl: body.returnUrl,
      // Scoped to the user, so a key replayed by another user's page cannot name this user's order.
      idempotencyKey: key === undefined ? undefined : `relay-${claims.userId}-${key}`,
      signal: request.signal,
    })
    .catch((error: unknown) => {
      // SmartCA's 65100 says only that the code is unknown; say what to do about it.
      throw error instanceof InvalidInputError && error.wireCode === COMMERCE_CODES.PRICING_NOT_FOUND
        ? unknownPricing()
        : error;
    });
  return json({ order: orderView(order) }, 201);
}

async function orderStatus(
  deps: PurchaseRouteDeps,
  orders: SharedPoll<Order>,
  context: RouteContext,
): Promise<Response> {
  const { request, claims, params } = context;
  const body = readBody(context, orderStatusBodySchema);
  const id = params.id ?? '';
  const order = await orders.watch(id, {
    read: () => deps.client.payments.retrieveOrder(id),
    // Another user's order ends the wait at once, to be refused below.
    done: (o) => o.status !== 'pending' || o.userId !== claims.userId,
    deadline: Date.now() + Math.min((body.waitSeconds ?? Infinity) * 1000, deps.maxWaitMs),
    signal: request.signal,
  });
  assertOwned(order, claims);
  return json({ order: orderView(order) });
}

function unknownPricing(): InvalidInputError {
  return new InvalidInputError({
    code: RELAY_REQUEST_CODES.PRICING_CODE_UNKNOWN,
    field: 'pricingCode',
    message: {
      vi: 'Mã gói lượt ký (pricingCode) không có trong danh mục đang bán. Hãy chọn một mã từ /v1/turns/catalog.',
      en: 'The pricingCode is not a turn pack on sale. Use a pricingCode from /v1/turns/catalog.',
    },
  });
}

function assertOwned(order: Order, claims: SessionClaims): void {
  if (order.userId !== claims.userId) throw refuse('ORDER_NOT_IN_SESSION');
}

function balanceView(balance: CertificateBalance | undefined): RelayBalance {
  if (!balance) return { unlimited: false, availableTurns: 0 };
  return { unlimited: balance.billing === 'unlimited', availableTurns: balance.availableTurns };
}

function orderView(order: Order): RelayOrder {
  return {
    id: order.id,
    status: order.status,
    pricingCode: order.pricingCode,
    quantity: order.quantity,
    amount: order.amount,
    paymentMethod: order.paymentMethod,
    paymentUrl: order.paymentUrl,
    turnsAdded: order.turnsAdded,
  };
}

function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return 'null';
  }
}
