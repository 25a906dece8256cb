import type { OrderRecord, PricingRecord, RegistrationRecord } from './state.js';

/** An order as the wire shows it. */
export function orderView(order: OrderRecord): Record<string, unknown> {
  return {
    orderId: order.orderId,
    orderStatus: order.status,
    pricingCode: order.pricingCode,
    quantity: order.quantity,
    amount: order.amount,
    currency: 'VND',
    paymentMethod: order.paymentMethod,
    paymentUrl: order.paymentUrl,
    returnUrl: order.returnUrl,
    uid: order.userId ?? null,
    credentialId: order.certId ?? null,
    registrationId: order.registrationId ?? null,
    turnsAdded: order.turnsAdded,
    createdAt: iso(order.createdAt),
    paidAt: order.paidAt === undefined ? null : iso(order.paidAt),
    expiresAt: iso(order.expiresAt),
  };
}

/** A registration as the wire shows it. Codes and OTPs are never shown: they go to the outbox only. */
export function registrationView(r: RegistrationRecord, serialNumber: string | undefined): Record<string, unknown> {
  return {
    registrationId: r.registrationId,
    status: r.status,
    uidPre: r.uidPre,
    uid: r.uid,
    fullName: r.fullName,
    toneMarkAlternatives: r.toneMarkAlternatives,
    email: r.email,
    phone: r.phone,
    address: r.address,
    pricingCode: r.pricingCode,
    amountDue: r.amountDue,
    orderId: r.orderId ?? null,
    certStatus: r.certStatus ?? null,
    credentialId: r.certId ?? null,
    serialNumber: serialNumber ?? null,
    rejectReason: r.rejectReason ?? null,
    createdAt: iso(r.createdAt),
    updatedAt: iso(r.updatedAt),
  };
}

/** The catalog as the wire shows it. */
export function catalogView(pricing: readonly PricingRecord[]): Record<string, unknown> {
  return {
    currency: 'VND',
    certificatePackages: pricing
      .filter((p) => p.kind === 'certificate')
      .map((p) => ({
        pricingCode: p.pricingCode,
        pricingName: p.name,
        signType: p.billing === 'unlimited' ? 0 : 1,
        price: p.price,
        validityMonths: p.validityMonths ?? 12,
        freeForCitizens: p.freeForCitizens ?? false,
      })),
    turnPacks: pricing
      .filter((p) => p.kind === 'turns')
      .map((p) => ({ pricingCode: p.pricingCode, pricingName: p.name, turns: p.turns ?? 0, price: p.price })),
  };
}

/** Epoch ms as ISO-8601. */
export function iso(ms: number): string {
  return new Date(ms).toISOString();
}
