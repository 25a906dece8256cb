import type { PaymentMethod } from '../../model/commerce.js';
import { fail, pass, type FieldCheck } from './field-check.js';
import { checkCode } from './registration.js';

/** The payment methods: VNPT Money wallet, credit card, ATM card (NAPAS). */
export const PAYMENT_METHODS: readonly PaymentMethod[] = ['vnpt-money', 'credit-card', 'atm-card'];
/** Most packs one order may hold. */
export const MAX_ORDER_QUANTITY = 100;

/** Checks an order's quantity: a whole number from 1 to {@link MAX_ORDER_QUANTITY}. */
export function checkQuantity(value: unknown, field = 'quantity'): FieldCheck<number> {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > MAX_ORDER_QUANTITY) {
    return fail(
      field,
      'QUANTITY_INVALID',
      `${field}: số lượng là số nguyên từ 1 đến ${MAX_ORDER_QUANTITY}.`,
      `${field} must be a whole number from 1 to ${MAX_ORDER_QUANTITY}.`,
    );
  }
  return pass(value);
}

/** Checks a payment method. */
export function checkPaymentMethod(value: unknown, field = 'paymentMethod'): FieldCheck<PaymentMethod> {
  if (typeof value !== 'string' || !PAYMENT_METHODS.includes(value as PaymentMethod)) {
    return fail(
      field,
      'PAYMENT_METHOD_INVALID',
      `${field}: chọn ví VNPT Money, thẻ tín dụng hoặc thẻ ATM (${PAYMENT_METHODS.join(', ')}).`,
      `${field} must be one of ${PAYMENT_METHODS.join(', ')}.`,
    );
  }
  return pass(value as PaymentMethod);
}

/** Checks the URL the payment page returns to: absolute http(s), at most 2000 characters. */
export function checkReturnUrl(value: unknown, field = 'returnUrl'): FieldCheck<string> {
  let url: URL | undefined;
  try {
    url = typeof value === 'string' && value.length <= 2000 ? new URL(value) : undefined;
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
    return fail(
      field,
      'RETURN_URL_INVALID',
      `${field}: địa chỉ quay lại phải là URL http(s) đầy đủ.`,
      `${field} must be an absolute http(s) URL.`,
    );
  }
  return pass(url.toString());
}

/** Checks a pricing code. */
export function checkPricingCode(value: unknown, field = 'pricingCode'): FieldCheck<string> {
  return checkCode(value, field, 'mã gói cước');
}
