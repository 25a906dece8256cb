import { base64ToBytes } from '../../internal/bytes.js';
import type {
  Catalog,
  CertificateBalance,
  Order,
  OrderStatus,
  PaymentMethod,
  Registration,
  RegistrationDocument,
  RegistrationStatus,
  UsageEntry,
} from '../../model/commerce.js';
import { certificateState } from './certificate-state.js';
import type { wireBalance, wireCatalog, wireDocument, WireOrder, WireRegistration, wireUsage } from './schemas.js';
import type { CheckedRegistration } from '../../commerce/validation/registration.js';
import type { Parsed } from '../../internal/lazy-schema.js';

const METHODS: Record<PaymentMethod, WireOrder['paymentMethod']> = {
  'vnpt-money': 'VNPTMONEY',
  'credit-card': 'CREDIT_CARD',
  'atm-card': 'ATM_NAPAS',
};

/** The SDK's payment method as the wire spells it. */
export function toWirePaymentMethod(method: PaymentMethod): WireOrder['paymentMethod'] | undefined {
  return Object.hasOwn(METHODS, method) ? METHODS[method] : undefined;
}

const optionalDate = (value: string | null | undefined) => (value ? new Date(value) : undefined);
const optional = <T>(value: T | null | undefined): T | undefined => value ?? undefined;

/** A wire catalog onto {@link Catalog}. */
export function toCatalog(wire: Parsed<typeof wireCatalog>): Catalog {
  return {
    currency: 'VND',
    certificatePackages: wire.certificatePackages.map((p) => ({
      pricingCode: p.pricingCode,
      name: p.pricingName,
      billing: p.signType === 1 ? 'per-turn' : 'unlimited',
      price: p.price,
      validityMonths: p.validityMonths,
      freeForCitizens: p.freeForCitizens,
    })),
    turnPacks: wire.turnPacks.map((p) => ({
      pricingCode: p.pricingCode,
      name: p.pricingName,
      turns: p.turns,
      price: p.price,
    })),
  };
}

/** A wire balance onto one {@link CertificateBalance} per certificate. */
export function toBalances(wire: Parsed<typeof wireBalance>): CertificateBalance[] {
  return wire.credentials.map((c) => {
    const unlimited = c.signType !== 1;
    const pack = c.servicePack;
    const remaining = pack.totalSignLimit - pack.signedTurn;
    return {
      certificateId: c.credentialId,
      serialNumber: c.serialNumber,
      serviceType: c.serviceType,
      billing: unlimited ? 'unlimited' : 'per-turn',
      state: certificateState(c.certStatus),
      validTo: new Date(c.validTo),
      servicePackId: pack.servicePackId,
      totalSignLimit: pack.totalSignLimit,
      signedTurn: pack.signedTurn,
      reservedTurns: pack.reserved,
      remainingTurns: unlimited ? null : remaining,
      availableTurns: unlimited ? null : Math.max(0, remaining - pack.reserved),
    };
  });
}

/** Wire usage onto {@link UsageEntry} items. */
export function toUsage(wire: Parsed<typeof wireUsage>): UsageEntry[] {
  return wire.entries.map((e) => ({
    at: new Date(e.at),
    certificateId: e.credentialId,
    kind: e.kind === 'PURCHASE' ? 'purchase' : 'sign',
    turns: e.turns,
    freeReason: e.freeReason ? (e.freeReason.toLowerCase().replace('_', '-') as UsageEntry['freeReason']) : undefined,
    orderId: optional(e.orderId),
    transactionId: optional(e.transactionId),
    partnerId: optional(e.spId),
  }));
}

/** A wire order onto {@link Order}. */
export function toOrder(wire: WireOrder): Order {
  const method = (Object.keys(METHODS) as PaymentMethod[]).find(
    (m) => METHODS[m] === wire.paymentMethod,
  ) as PaymentMethod;
  return {
    id: wire.orderId,
    status: wire.orderStatus.toLowerCase() as OrderStatus,
    pricingCode: wire.pricingCode,
    quantity: wire.quantity,
    amount: wire.amount,
    currency: 'VND',
    paymentMethod: method,
    paymentUrl: wire.paymentUrl,
    returnUrl: wire.returnUrl,
    userId: optional(wire.uid),
    certificateId: optional(wire.credentialId),
    registrationId: optional(wire.registrationId),
    turnsAdded: wire.turnsAdded,
    createdAt: new Date(wire.createdAt),
    paidAt: optionalDate(wire.paidAt),
    expiresAt: new Date(wire.expiresAt),
  };
}

/** A wire registration onto {@link Registration}. */
export function toRegistration(wire: WireRegistration): Registration {
  return {
    id: wire.registrationId,
    status: wire.status.toLowerCase().replace(/_/g, '-') as RegistrationStatus,
    documentType: wire.uidPre,
    idNumber: wire.uid,
    fullName: wire.fullName,
    toneMarkAlternatives: wire.toneMarkAlternatives,
    email: wire.email,
    phone: wire.phone,
    address: wire.address,
    pricingCode: wire.pricingCode,
    amountDue: wire.amountDue,
    orderId: optional(wire.orderId),
    certificateState:
      wire.certStatus === null || wire.certStatus === undefined ? undefined : certificateState(wire.certStatus),
    certificateId: optional(wire.credentialId),
    serialNumber: optional(wire.serialNumber),
    rejectionReason: optional(wire.rejectReason),
    createdAt: new Date(wire.createdAt),
    updatedAt: new Date(wire.updatedAt),
  };
}

/** A wire document onto {@link RegistrationDocument}; `undefined` when the digest is not base64 of 32 bytes. */
export function toDocument(wire: Parsed<typeof wireDocument>): RegistrationDocument | undefined {
  const digest = base64ToBytes(wire.digest);
  if (!digest || digest.length !== 32) return undefined;
  return { documentId: wire.documentId, title: wire.title, content: wire.content, digest };
}

/** A checked registration as the `registrations/create` body. */
export function toRegistrationBody(r: CheckedRegistration, gender: string | undefined): Record<string, unknown> {
  return {
    uidPre: r.id.documentType,
    uid: r.id.idNumber,
    fullName: r.name.fullName,
    ...(r.dateOfBirth ? { birthDay: r.dateOfBirth } : {}),
    ...(gender ? { gender } : {}),
    email: r.email,
    phone: r.phone,
    address: r.address,
    pricingCode: r.pricingCode,
    deviceId: r.deviceId,
  };
}
