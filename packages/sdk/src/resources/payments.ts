import type { Order, PaymentMethod } from '../model/commerce.js';
import { orThrow } from '../commerce/validation/field-check.js';
import { checkPaymentMethod, checkPricingCode, checkQuantity, checkReturnUrl } from '../commerce/validation/order.js';
import { checkCode } from '../commerce/validation/registration.js';
import { InvalidInputError } from '../errors/invalid-input-error.js';
import { PaymentError } from '../errors/payment-error.js';
import type { ClientContext } from './client-context.js';
import { randomId } from '../internal/ids.js';
import { pollUntil } from '../internal/poll-until.js';
import { toOrder, toWirePaymentMethod } from '../protocol/commerce/map.js';
import { wireOrder } from '../protocol/commerce/schemas.js';
import type { RequestOptions } from '../model/transaction.js';

/** Arguments of {@link PaymentsResource.createOrder}: what to buy, for whom, how to pay. */
export interface CreateOrderParams extends RequestOptions {
  /** A turn pack (`LK10`, ...) for `userId`, or the certificate package of `registrationId`. */
  pricingCode: string;
  /** How many packs. Default 1. */
  quantity?: number | undefined;
  /** VNPT Money wallet, credit card or ATM card (NAPAS). */
  paymentMethod: PaymentMethod;
  /** Where the payment page sends the user back (`?orderId=…&status=paid|declined|abandoned`). */
  returnUrl: string;
  /** Buying turns: the subscriber. */
  userId?: string | undefined;
  /** Buying turns: which certificate, when the user has several. */
  serialNumber?: string | undefined;
  /** Paying a registration's certificate package. */
  registrationId?: string | undefined;
  /**
   * Names this purchase. Retries of the call reuse it, so a lost answer never creates a second order.
   * Pass your own (e.g. from the browser's click) to make the purchase idempotent across your retries
   * too. Default: a new UUID per call.
   */
  idempotencyKey?: string | undefined;
}

/** Options of {@link PaymentsResource.waitForOrder}. */
export interface WaitForOrderOptions extends RequestOptions {
  /** Gap between reads, ms. Default 1000. */
  intervalMs?: number | undefined;
  /** Give up after this many ms. Default: until the order settles (it expires on its own). */
  timeoutMs?: number | undefined;
  /** Called with every read. */
  onUpdate?: ((order: Order) => void) | undefined;
}

/**
 * Orders and payments (commerce API, smartca-kit's extension). An order is paid on the hosted
 * payment page at `order.paymentUrl`; when it succeeds the turns are provisioned, the user is notified
 * and a signed `order.paid` webhook goes to the partner.
 *
 * @example
 * ```ts
 * const order = await smartca.payments.createOrder({ userId: '001199000002', pricingCode: 'LK10',
 *   paymentMethod: 'vnpt-money', returnUrl: 'https://portal.example/paid' });
 * redirect(order.paymentUrl);
 * // later, or from the order.paid webhook:
 * const paid = await smartca.payments.retrieveOrder(order.id);
 * ```
 */
export class PaymentsResource {
  readonly #ctx: ClientContext;

  constructor(ctx: ClientContext) {
    this.#ctx = ctx;
  }

  /** Creates an order, idempotently: its retries carry the same `Idempotency-Key`. */
  async createOrder(params: CreateOrderParams): Promise<Order> {
    const target =
      params.registrationId !== undefined
        ? { registrationId: orThrow(checkCode(params.registrationId, 'registrationId', 'mã hồ sơ')) }
        : params.userId !== undefined
          ? {
              uid: orThrow(checkCode(params.userId, 'userId', 'mã người dùng')),
              ...(params.serialNumber
                ? { serialNumber: orThrow(checkCode(params.serialNumber, 'serialNumber', 'số serial')) }
                : {}),
            }
          : undefined;
    if (!target || (params.registrationId !== undefined && params.userId !== undefined)) {
      throw new InvalidInputError({
        field: 'userId',
        message: {
          vi: 'Cần đúng một trong hai: userId (mua lượt ký) hoặc registrationId (thanh toán gói chứng thư số).',
          en: 'Pass exactly one of userId (buying turns) or registrationId (paying a certificate package).',
        },
      });
    }
    const body = {
      ...target,
      pricingCode: orThrow(checkPricingCode(params.pricingCode)),
      quantity: orThrow(checkQuantity(params.quantity ?? 1)),
      paymentMethod: toWirePaymentMethod(orThrow(checkPaymentMethod(params.paymentMethod))),
      returnUrl: orThrow(checkReturnUrl(params.returnUrl)),
    };
    const answer = await this.#ctx
      .commerce()
      .call('orders/create', body, wireOrder, { ...params, idempotencyKey: params.idempotencyKey ?? randomId() });
    return toOrder(answer.content);
  }

  /** The order as it is now. */
  async retrieveOrder(orderId: string, options: RequestOptions = {}): Promise<Order> {
    const id = orThrow(checkCode(orderId, 'orderId', 'mã đơn hàng'));
    return toOrder((await this.#ctx.commerce().call('orders/get', { orderId: id }, wireOrder, options)).content);
  }

  /**
   * Polls until the order settles. Resolves with the paid order; throws {@link PaymentError} when it
   * was declined, abandoned or expired.
   */
  async waitForOrder(orderId: string, options: WaitForOrderOptions = {}): Promise<Order> {
    const order = await pollUntil(
      () => this.retrieveOrder(orderId, options),
      (o) => o.status !== 'pending',
      {
        intervalMs: options.intervalMs ?? 1000,
        timeoutMs: options.timeoutMs,
        signal: options.signal,
        onUpdate: options.onUpdate,
      },
      `order ${orderId}`,
    );
    if (order.status === 'paid') return order;
    throw new PaymentError({
      code: `ORDER_${order.status.toUpperCase()}`,
      orderId,
      orderStatus: order.status,
      message: {
        vi: `Thanh toán đơn hàng ${orderId} không thành công (${STATUS_VI[order.status]}). Chưa bị trừ tiền; hãy tạo đơn mới.`,
        en: `The payment of order ${orderId} did not go through (${order.status}). Nothing was charged; create a new order.`,
      },
    });
  }
}

const STATUS_VI: Record<Order['status'], string> = {
  pending: 'đang chờ',
  paid: 'đã thanh toán',
  declined: 'bị từ chối',
  abandoned: 'bị hủy',
  expired: 'hết hạn',
};
