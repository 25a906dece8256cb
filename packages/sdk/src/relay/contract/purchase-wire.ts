import * as c from './check.js';
import { waitBodySchema } from './wire.js';

/**
 * The buy flow's part of the relay contract (`<smartca-buy-turns>`): the user's balance, the
 * turn-pack catalog, creating an order and following its payment. Shared by the server routes and
 * the browser client, like the signature routes in `wire.ts`.
 */
export const PURCHASE_ROUTES = {
  /** The token user's signing turns. */
  balance: '/v1/turns/balance',
  /** The turn packs on sale, with VND prices. */
  catalog: '/v1/turns/catalog',
  /** Creates an order for a turn pack; needs `Idempotency-Key`. */
  createOrder: '/v1/orders',
  /** The order's payment status, held open while it is pending (long poll). */
  orderStatus: '/v1/orders/:id/status',
} as const;

/** How the user pays: VNPT Money wallet, credit card, or ATM card (NAPAS). */
export type RelayPaymentMethod = 'vnpt-money' | 'credit-card' | 'atm-card';

/** The payment methods, in the order the widget offers them. */
export const RELAY_PAYMENT_METHODS: readonly RelayPaymentMethod[] = ['vnpt-money', 'credit-card', 'atm-card'];

/** Where an order's payment is. Only `pending` changes. */
export type RelayOrderStatus = 'pending' | 'paid' | 'declined' | 'abandoned' | 'expired';

/** The signing turns of the certificate the user signs with. */
export interface RelayBalance {
  /** True on an unlimited package: nothing to buy. */
  unlimited: boolean;
  /** Turns a new signature can use (remaining minus those held by pending requests); null when unlimited. */
  availableTurns: number | null;
}

/** A turn pack on sale. */
export interface RelayTurnPack {
  /** The order code, e.g. `LK10`. */
  pricingCode: string;
  /** Its name, as the catalog spells it. */
  name: string;
  /** Turns one pack adds. */
  turns: number;
  /** Price in VND. */
  price: number;
}

/** An order as the relay reports it. */
export interface RelayOrder {
  /** The order id. */
  id: string;
  /** Where the payment is. */
  status: RelayOrderStatus;
  /** What was ordered. */
  pricingCode: string;
  /** How many packs. */
  quantity: number;
  /** Price × quantity, VND. */
  amount: number;
  /** The payment method chosen. */
  paymentMethod: RelayPaymentMethod;
  /** The hosted payment page to send the user to. */
  paymentUrl: string;
  /** Turns added once paid. */
  turnsAdded: number;
}

/** Body of a create-order request. */
export interface CreateOrderBody {
  /** A turn pack's `pricingCode`. */
  pricingCode: string;
  /** How many packs. Default 1. */
  quantity?: number | undefined;
  /** How the user pays. */
  paymentMethod: RelayPaymentMethod;
  /** Where the payment page sends the user back: a page on one of the token's origins. */
  returnUrl: string;
}

const orderStatuses = c.oneOf(['pending', 'paid', 'declined', 'abandoned', 'expired']);
const methods = c.oneOf(RELAY_PAYMENT_METHODS);

/** Check of `{ balance }`. */
export const relayBalanceResponseSchema = c.object({
  balance: c.object({ unlimited: c.boolean(), availableTurns: c.nullable(c.number()) }),
});

/** Check of `{ catalog }`. */
export const relayCatalogResponseSchema = c.object({
  catalog: c.object({
    currency: c.oneOf(['VND']),
    turnPacks: c.array(c.object({ pricingCode: c.string(), name: c.string(), turns: c.number(), price: c.number() })),
  }),
});

/** Check of `{ order }`. */
export const relayOrderResponseSchema = c.object({
  order: c.object({
    id: c.string({ min: 1 }),
    status: orderStatuses,
    pricingCode: c.string(),
    quantity: c.number(),
    amount: c.number(),
    paymentMethod: methods,
    paymentUrl: c.string(),
    turnsAdded: c.number(),
  }),
});

/** Check of {@link CreateOrderBody}. */
export const createOrderBodySchema = c.object({
  pricingCode: c.string({ min: 1, max: 64 }),
  quantity: c.optional(c.number({ int: true, min: 1, max: 100 })),
  paymentMethod: methods,
  returnUrl: c.string({ min: 1, max: 2048 }),
});

/** Check of an order-status request: how long the relay may hold it, in seconds. */
export const orderStatusBodySchema = waitBodySchema;
