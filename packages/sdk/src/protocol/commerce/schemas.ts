import type { z as Zod } from 'zod';
import { lazySchemas } from '../../internal/lazy-schema.js';

// Wire schemas of smartca-kit's partner commerce API: OUR extension in VNPT's gateway style (bearer
// token, `{code, codeDesc, message, content}`), not a VNPT contract. Field names follow what VNPT's
// mobile SDK reveals where it reveals one (`pricingCode`, `pricingName`, `signType`, `totalSignLimit`,
// `signedTurn`, `uidPre`/`uid`, certificate states 0–11).

export const WIRE_PAYMENT_METHODS = ['VNPTMONEY', 'CREDIT_CARD', 'ATM_NAPAS'] as const;
export const WIRE_ORDER_STATUSES = ['PENDING', 'PAID', 'DECLINED', 'ABANDONED', 'EXPIRED'] as const;

export const WIRE_REGISTRATION_STATUSES = [
  'AWAITING_PAYMENT',
  'AWAITING_ACTIVATION',
  'AWAITING_EKYC',
  'AWAITING_CONTRACT',
  'IN_APPRAISAL',
  'AWAITING_ACCEPTANCE',
  'COMPLETED',
  'REJECTED',
] as const;

// Built on first parse (internal/lazy-schema.ts): importing the SDK loads no zod.
function build(z: typeof Zod) {
  const isoDate = z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'not an ISO date');
  const nullishString = z.string().nullish();
  const wireCatalog = z.object({
    currency: z.literal('VND'),
    certificatePackages: z.array(
      z.object({
        pricingCode: z.string(),
        pricingName: z.string(),
        signType: z.union([z.literal(0), z.literal(1)]),
        price: z.number().int().nonnegative(),
        validityMonths: z.number().int().positive(),
        freeForCitizens: z.boolean(),
      }),
    ),
    turnPacks: z.array(
      z.object({
        pricingCode: z.string(),
        pricingName: z.string(),
        turns: z.number().int().positive(),
        price: z.number().int().nonnegative(),
      }),
    ),
  });
  const wireBalance = z.object({
    uid: z.string(),
    credentials: z.array(
      z.object({
        credentialId: z.string(),
        serialNumber: z.string(),
        serviceType: z.string(),
        signType: z.union([z.literal(0), z.literal(1)]),
        certStatus: z.number().int(),
        validTo: isoDate,
        servicePack: z.object({
          servicePackId: z.string(),
          totalSignLimit: z.number().int().nonnegative(),
          signedTurn: z.number().int().nonnegative(),
          reserved: z.number().int().nonnegative(),
        }),
      }),
    ),
  });
  const wireUsage = z.object({
    entries: z.array(
      z.object({
        at: isoDate,
        credentialId: z.string(),
        kind: z.enum(['PURCHASE', 'SIGN']),
        turns: z.number().int(),
        freeReason: z.enum(['UNLIMITED', 'PUBLIC_SERVICE', 'ACCEPTANCE_RECORD']).nullish(),
        orderId: nullishString,
        transactionId: nullishString,
        spId: nullishString,
      }),
    ),
  });
  const wireOrder = z.object({
    orderId: z.string(),
    orderStatus: z.enum(WIRE_ORDER_STATUSES),
    pricingCode: z.string(),
    quantity: z.number().int().positive(),
    amount: z.number().int().nonnegative(),
    currency: z.literal('VND'),
    paymentMethod: z.enum(WIRE_PAYMENT_METHODS),
    paymentUrl: z.string(),
    returnUrl: z.string(),
    uid: nullishString,
    credentialId: nullishString,
    registrationId: nullishString,
    turnsAdded: z.number().int().nonnegative(),
    createdAt: isoDate,
    paidAt: isoDate.nullish(),
    expiresAt: isoDate,
  });
  const wireRegistration = z.object({
    registrationId: z.string(),
    status: z.enum(WIRE_REGISTRATION_STATUSES),
    uidPre: z.enum(['CCCD', 'CMND']),
    uid: z.string(),
    fullName: z.string(),
    toneMarkAlternatives: z.array(
      z.object({ typed: z.string(), style: z.enum(['old', 'new']), alternative: z.string() }),
    ),
    email: z.string(),
    phone: z.string(),
    address: z.string(),
    pricingCode: z.string(),
    amountDue: z.number().int().nonnegative(),
    orderId: nullishString,
    certStatus: z.number().int().nullish(),
    credentialId: nullishString,
    serialNumber: nullishString,
    rejectReason: nullishString,
    createdAt: isoDate,
    updatedAt: isoDate,
  });
  const wireDocument = z.object({
    documentId: z.string(),
    title: z.string(),
    content: z.string(),
    digest: z.string(),
  });
  /** The content of an error envelope: which field, why, and the message in both languages. */
  const wireErrorContent = z
    .object({
      field: nullishString,
      reason: nullishString,
      messages: z.object({ vi: z.string(), en: z.string() }).nullish(),
      attemptsLeft: z.number().int().nullish(),
      lockedUntil: isoDate.nullish(),
      orderStatus: nullishString,
    })
    .nullish();
  /** A webhook body: one event with an id for deduplication. */
  const wireEvent = z.discriminatedUnion('type', [
    z.object({
      id: z.string(),
      type: z.enum(['order.paid', 'order.declined', 'order.abandoned', 'order.expired']),
      createdAt: isoDate,
      data: z.object({ order: wireOrder }),
    }),
    z.object({
      id: z.string(),
      type: z.literal('registration.updated'),
      createdAt: isoDate,
      data: z.object({ registration: wireRegistration }),
    }),
  ]);
  return {
    isoDate,
    nullishString,
    wireCatalog,
    wireBalance,
    wireUsage,
    wireOrder,
    wireRegistration,
    wireDocument,
    wireErrorContent,
    wireEvent,
  };
}

type Built = ReturnType<typeof build>;

export const {
  wireCatalog,
  wireBalance,
  wireUsage,
  wireOrder,
  wireRegistration,
  wireDocument,
  wireErrorContent,
  wireEvent,
} = lazySchemas(build);

export type WireOrder = Zod.infer<Built['wireOrder']>;
export type WireRegistration = Zod.infer<Built['wireRegistration']>;
export type WireEvent = Zod.infer<Built['wireEvent']>;
