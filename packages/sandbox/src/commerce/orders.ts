import { checkCode, checkQuantity, checkReturnUrl } from '@smartca-kit/sdk';
import { certificateUsable } from '../engine/turns.js';
import type { CertificateRecord, PartnerRecord } from '../state/types.js';
import type { Commerce } from './commerce.js';
import { sendActivationCode } from './registrations.js';
import { fieldRefusal, refuse, type Outcome } from './refusal.js';
import type { OrderRecord, PricingRecord } from './state.js';

const METHODS = new Set(['VNPTMONEY', 'CREDIT_CARD', 'ATM_NAPAS']);

/**
 * `orders/create`: a turn pack for a subscriber's per-turn certificate, or a registration's certificate
 * package. Everything is checked before the order exists. A new order for a registration supersedes an
 * unpaid older one (marked ABANDONED), so a registration can never be paid twice.
 */
export function createOrder(
  c: Commerce,
  partner: PartnerRecord,
  body: Record<string, unknown>,
  origin: string,
): Outcome<OrderRecord> {
  const code = checkCode(body.pricingCode, 'pricingCode', 'mã gói cước');
  if (!code.ok) return fieldRefusal(code);
  const quantity = checkQuantity(body.quantity);
  if (!quantity.ok) return fieldRefusal(quantity);
  if (typeof body.paymentMethod !== 'string' || !METHODS.has(body.paymentMethod)) {
    return refuse(
      'CLIENT_INPUT_INVALID',
      'paymentMethod: chọn VNPTMONEY, CREDIT_CARD hoặc ATM_NAPAS.',
      'paymentMethod must be VNPTMONEY, CREDIT_CARD or ATM_NAPAS.',
      { field: 'paymentMethod', reason: 'PAYMENT_METHOD_INVALID' },
    );
  }
  const returnUrl = checkReturnUrl(body.returnUrl);
  if (!returnUrl.ok) return fieldRefusal(returnUrl);
  const pricing = c.state.pricing.find((p) => p.pricingCode === code.value);
  if (!pricing)
    return refuse('PRICING_NOT_FOUND', `Không có gói cước "${code.value}".`, `No package "${code.value}".`, {
      field: 'pricingCode',
    });
  const target =
    body.registrationId !== undefined
      ? forRegistration(c, partner, body, pricing, quantity.value)
      : forCertificate(c, body, pricing);
  if ('toResponse' in target) return target;
  const now = c.now();
  const orderId = globalThis.crypto.randomUUID();
  for (const older of c.state.orders) {
    if (target.registrationId && older.registrationId === target.registrationId && older.status === 'PENDING') {
      settle(c, older, 'ABANDONED');
    }
  }
  const order: OrderRecord = {
    orderId,
    spId: partner.spId,
    status: 'PENDING',
    pricingCode: pricing.pricingCode,
    quantity: quantity.value,
    amount: pricing.price * quantity.value,
    paymentMethod: body.paymentMethod,
    returnUrl: returnUrl.value,
    paymentUrl: `${origin}/pay/${orderId}`,
    userId: target.userId,
    certId: target.certId,
    registrationId: target.registrationId,
    turnsAdded: 0,
    createdAt: now,
    expiresAt: now + c.settings.orderTtlMs,
  };
  // Unpaid orders past their time are expired (and announced) first, so that they can be forgotten too.
  for (const older of c.state.orders) expire(c, older);
  c.pruneOrders();
  c.state.orders.push(order);
  if (target.registrationId) {
    const registration = c.state.registrations.find((r) => r.registrationId === target.registrationId);
    if (registration) registration.orderId = orderId;
  }
  c.after(c.settings.orderTtlMs, () => {
    if (expire(c, order)) c.changed();
  });
  return order;
}

type Target = { userId?: string; certId?: string; registrationId?: string };

function forCertificate(c: Commerce, body: Record<string, unknown>, pricing: PricingRecord): Outcome<Target> {
  if (pricing.kind !== 'turns') {
    return refuse(
      'PRICING_NOT_APPLICABLE',
      `"${pricing.pricingCode}" là gói chứng thư số; chỉ mua được khi đăng ký.`,
      `"${pricing.pricingCode}" is a certificate package; it is bought with a registration.`,
      { field: 'pricingCode' },
    );
  }
  const uid = checkCode(body.uid, 'uid', 'mã thuê bao');
  if (!uid.ok) return fieldRefusal(uid);
  const user = c.engine.user(uid.value);
  if (!user)
    return refuse('CLIENT_INPUT_INVALID', `uid: không có thuê bao ${uid.value}.`, `uid: no subscriber ${uid.value}.`, {
      field: 'uid',
    });
  const cert = chooseCertificate(c.engine.certificatesOf(user.userId), body.serialNumber);
  if ('toResponse' in cert) return cert;
  if (cert.pack.billing !== 'per-turn') {
    return refuse(
      'PRICING_NOT_APPLICABLE',
      'Chứng thư số dùng gói không giới hạn lượt ký; không cần mua lượt ký.',
      'The certificate is on an unlimited package; it needs no turns.',
      { field: 'serialNumber' },
    );
  }
  if (!certificateUsable(cert, c.now(), [])) {
    return refuse(
      'CREDENTIAL_STATUS_INVALID',
      'Chứng thư số không còn hiệu lực (hết hạn, bị thu hồi hoặc chưa nghiệm thu).',
      'The certificate cannot sign (expired, revoked or not yet accepted).',
      { field: 'serialNumber' },
    );
  }
  return { userId: user.userId, certId: cert.certId };
}

function chooseCertificate(certs: CertificateRecord[], serial: unknown): Outcome<CertificateRecord> {
  if (serial !== undefined) {
    const found =
      typeof serial === 'string' ? certs.find((x) => x.serialNumber.toLowerCase() === serial.toLowerCase()) : undefined;
    return (
      found ??
      refuse(
        'CREDENTIAL_NOT_EXIST',
        'serialNumber: thuê bao không có chứng thư số này.',
        'serialNumber: the subscriber has no such certificate.',
        { field: 'serialNumber' },
      )
    );
  }
  const personal = certs.filter((x) => x.serviceType === 'SMARTCA');
  if (personal.length === 1) return personal[0] as CertificateRecord;
  return refuse(
    'CLIENT_INPUT_INVALID',
    'serialNumber: thuê bao có nhiều hoặc không có chứng thư số cá nhân; hãy chỉ rõ số serial.',
    'serialNumber: the subscriber has several personal certificates, or none; name one by serial number.',
    { field: 'serialNumber' },
  );
}

function forRegistration(
  c: Commerce,
  partner: PartnerRecord,
  body: Record<string, unknown>,
  pricing: PricingRecord,
  quantity: number,
): Outcome<Target> {
  const registration = c.state.registrations.find(
    (r) => r.registrationId === body.registrationId && r.spId === partner.spId,
  );
  if (!registration) {
    return refuse(
      'REGISTRATION_NOT_FOUND',
      'registrationId: không có hồ sơ này.',
      'registrationId: no such registration.',
      { field: 'registrationId' },
    );
  }
  if (registration.status !== 'AWAITING_PAYMENT') {
    return refuse(
      'REGISTRATION_STEP_INVALID',
      'Hồ sơ không chờ thanh toán.',
      'The registration is not waiting for a payment.',
      { status: registration.status },
    );
  }
  if (pricing.pricingCode !== registration.pricingCode || quantity !== 1) {
    return refuse(
      'PRICING_NOT_APPLICABLE',
      `Hồ sơ đã chọn gói ${registration.pricingCode}, số lượng 1.`,
      `The registration chose ${registration.pricingCode}, quantity 1.`,
      { field: 'pricingCode' },
    );
  }
  return { registrationId: registration.registrationId };
}

/**
 * The payment page's outcome. Only a PENDING order changes, and it changes in one synchronous step, so a
 * double click, a retried form post or a second tab can never provision twice. On success: turns grow
 * (or the registration moves to activation), the app notification and the email go out, and
 * `order.paid` is sent to the partner.
 */
export function pay(c: Commerce, order: OrderRecord, outcome: 'approve' | 'decline' | 'abandon'): OrderRecord {
  expire(c, order);
  if (order.status !== 'PENDING') return order;
  if (outcome !== 'approve') return settle(c, order, outcome === 'decline' ? 'DECLINED' : 'ABANDONED');
  const pricing = c.state.pricing.find((p) => p.pricingCode === order.pricingCode);
  const cert = order.certId ? c.engine.certificate(order.certId) : undefined;
  const registration = c.state.registrations.find((r) => r.registrationId === order.registrationId);
  order.status = 'PAID';
  order.paidAt = c.now();
  if (cert && pricing?.turns) {
    order.turnsAdded = pricing.turns * order.quantity;
    cert.pack.totalSignLimit += order.turnsAdded;
    c.state.usage.push({
      at: order.paidAt,
      certId: cert.certId,
      kind: 'PURCHASE',
      turns: order.turnsAdded,
      orderId: order.orderId,
    });
  }
  if (registration?.status === 'AWAITING_PAYMENT') {
    registration.status = 'AWAITING_ACTIVATION';
    sendActivationCode(c, registration);
    c.emitRegistration(registration);
  }
  const to = {
    userId: order.userId ?? registration?.uid,
    email: order.userId ? c.engine.user(order.userId)?.email : registration?.email,
  };
  const what =
    order.turnsAdded > 0
      ? `Đã cộng ${order.turnsAdded} lượt ký vào chứng thư số ${cert?.serialNumber}.`
      : 'Gói chứng thư số đã được thanh toán; hãy kích hoạt tài khoản bằng mã gửi qua SMS/email.';
  const text = `Thanh toán thành công đơn hàng ${order.orderId} (${order.amount.toLocaleString('vi-VN')} VND). ${what}`;
  if (to.userId)
    c.notify({
      channel: 'app',
      to: to.userId,
      userId: to.userId,
      kind: 'payment_succeeded',
      orderId: order.orderId,
      registrationId: order.registrationId,
      subject: 'Thanh toán thành công',
      body: text,
    });
  if (to.email)
    c.notify({
      channel: 'email',
      to: to.email,
      userId: to.userId,
      kind: 'payment_succeeded',
      orderId: order.orderId,
      registrationId: order.registrationId,
      subject: 'VNPT SmartCA: thanh toán thành công',
      body: text,
    });
  c.emitOrder(order);
  return order;
}

/** Expires an unpaid order whose time is up. True when it did. */
export function expire(c: Commerce, order: OrderRecord): boolean {
  if (order.status !== 'PENDING' || c.now() < order.expiresAt) return false;
  settle(c, order, 'EXPIRED');
  return true;
}

function settle(c: Commerce, order: OrderRecord, status: 'DECLINED' | 'ABANDONED' | 'EXPIRED'): OrderRecord {
  order.status = status;
  order.settledAt = status === 'EXPIRED' ? order.expiresAt : c.now();
  c.emitOrder(order);
  return order;
}
