import type { ToneMarkAlternative } from '@smartca-kit/sdk';
import type { Billing } from '../state/billing.js';

/** A package or turn pack the sandbox sells. Prices are the sandbox's defaults, not VNPT's price list. */
export interface PricingRecord {
  /** The order code, e.g. `PS0` or `LK10`. */
  pricingCode: string;
  /** The name shown to users. */
  name: string;
  /** A certificate package (chosen at registration) or a signing-turn pack. */
  kind: 'certificate' | 'turns';
  /** Price in VND. */
  price: number;
  /** Certificate packages: how signing is paid for. */
  billing?: Billing | undefined;
  /** Certificate packages: validity in months. */
  validityMonths?: number | undefined;
  /** Certificate packages: the citizens' free year. */
  freeForCitizens?: boolean | undefined;
  /** Turn packs: turns one pack adds. */
  turns?: number | undefined;
}

/** An order and its payment. */
export interface OrderRecord {
  /** The order's id. */
  orderId: string;
  /** The partner that created it. */
  spId: string;
  /** Where the payment is; only `PENDING` changes. */
  status: 'PENDING' | 'PAID' | 'DECLINED' | 'ABANDONED' | 'EXPIRED';
  /** What was ordered. */
  pricingCode: string;
  /** How many packs. */
  quantity: number;
  /** Price × quantity, VND. */
  amount: number;
  /** `VNPTMONEY`, `CREDIT_CARD` or `ATM_NAPAS`. */
  paymentMethod: string;
  /** Where the payment page sends the user back. */
  returnUrl: string;
  /** The hosted payment page. */
  paymentUrl: string;
  /** Turn packs: the subscriber. */
  userId?: string | undefined;
  /** Turn packs: the certificate that gets the turns. */
  certId?: string | undefined;
  /** Certificate packages: the registration paid for. */
  registrationId?: string | undefined;
  /** Turns added on payment. */
  turnsAdded: number;
  /** When the order was created. */
  createdAt: number;
  /** When it was paid. */
  paidAt?: number | undefined;
  /** When it was declined, abandoned or expired. */
  settledAt?: number | undefined;
  /** When an unpaid order expires. */
  expiresAt: number;
}

/** A one-time code (activation code or contract OTP) with VNPT's attempt limit. */
export interface VerificationCode {
  /** The six digits. */
  code: string;
  /** When the code stops working. */
  expiresAt: number;
  /** Wrong attempts in a row. */
  failures: number;
  /** Locked until then after five wrong codes. */
  lockedUntil?: number | undefined;
}

/** Registration steps, as the wire spells them. */
export type RegistrationStatus =
  | 'AWAITING_PAYMENT'
  | 'AWAITING_ACTIVATION'
  | 'AWAITING_EKYC'
  | 'AWAITING_CONTRACT'
  | 'IN_APPRAISAL'
  | 'AWAITING_ACCEPTANCE'
  | 'COMPLETED'
  | 'REJECTED';

/** A personal certificate registration. */
export interface RegistrationRecord {
  /** The registration's id. */
  registrationId: string;
  /** The partner that started it. */
  spId: string;
  /** The current step. */
  status: RegistrationStatus;
  /** `CCCD` or `CMND`. */
  uidPre: 'CCCD' | 'CMND';
  /** The ID number: the future `user_id`. */
  uid: string;
  /** The name as accepted (NFC). */
  fullName: string;
  /** Words with another accepted tone-mark placement. */
  toneMarkAlternatives: ToneMarkAlternative[];
  /** Date of birth, when given. */
  birthDay?: string | undefined;
  /** The province a CCCD encodes: the certificate's `ST`. */
  province?: string | undefined;
  /** Contact email. */
  email: string;
  /** Contact mobile, national form. */
  phone: string;
  /** Contact address. */
  address: string;
  /** The device the account is activated on. */
  deviceId: string;
  /** The certificate package. */
  pricingCode: string;
  /** Due before activation, VND. */
  amountDue: number;
  /** The order paying `amountDue`. */
  orderId?: string | undefined;
  /** The activation code while the step is open. */
  activation?: VerificationCode | undefined;
  /** The contract OTP once the contract was requested. */
  contractOtp?: VerificationCode | undefined;
  /** The contract's SHA-256, hex, once requested. */
  contractDigestHex?: string | undefined;
  /** What the eKYC images were, once accepted. */
  ekyc?:
    | {
        /** The front's format and size, e.g. `png 640x400`. */
        front: string;
        /** The back's format and size. */
        back: string;
        /** The face photo's format and size. */
        face: string;
        /** When the pictures were accepted. */
        at: number;
      }
    | undefined;
  /** The requested certificate's lifecycle state (0–11), from the signed contract on. */
  certStatus?: number | undefined;
  /** The issued certificate. */
  certId?: string | undefined;
  /** Why VNPT-CA refused the dossier. */
  rejectReason?: string | undefined;
  /** When the registration started. */
  createdAt: number;
  /** When it last changed. */
  updatedAt: number;
}

/** One message in the notifications outbox: an SMS, an email or an app notification. */
export interface NotificationRecord {
  /** The message's id. */
  id: string;
  /** How it is delivered. */
  channel: 'sms' | 'email' | 'app';
  /** The phone number, email address or user id it goes to. */
  to: string;
  /** What it is about, e.g. `activation_code`, `payment_succeeded`, `registration_approved`. */
  kind: string;
  /** The subscriber, once there is one. */
  userId?: string | undefined;
  /** The registration it belongs to. */
  registrationId?: string | undefined;
  /** The order it belongs to. */
  orderId?: string | undefined;
  /** Email subject or notification title. */
  subject: string;
  /** The text, in Vietnamese as VNPT sends it. */
  body: string;
  /** The one-time code it carries, for activation codes and OTPs. */
  code?: string | undefined;
  /** When it was sent. */
  createdAt: number;
}

/** One change of a certificate's turns. */
export interface UsageRecord {
  /** When. */
  at: number;
  /** The certificate. */
  certId: string;
  /** A purchase or a signature. */
  kind: 'PURCHASE' | 'SIGN';
  /** Turns added (+) or used (−). */
  turns: number;
  /** Why a signature was free. */
  freeReason?: 'UNLIMITED' | 'PUBLIC_SERVICE' | 'ACCEPTANCE_RECORD' | undefined;
  /** The order, for a purchase. */
  orderId?: string | undefined;
  /** The transaction (partner's id), for a signature. */
  transactionId?: string | undefined;
  /** The partner, for a signature. */
  spId?: string | undefined;
}

/** A remembered answer to a request with an `Idempotency-Key`. */
export interface IdempotencyRecord {
  /** The partner; keys are per partner. */
  spId: string;
  /** The key. */
  key: string;
  /** SHA-256 of the path and the exact body: a reuse with anything else is refused. */
  fingerprint: string;
  /** When the first request arrived; records are kept 24 h. */
  createdAt: number;
  /** The answer, once there is one. */
  response?:
    | {
        /** The HTTP status. */
        status: number;
        /** The JSON body, as sent. */
        body: string;
      }
    | undefined;
}

/**
 * A commerce event the partner has not yet accepted: the outbox entry and its retry schedule, kept in
 * the state so that a restart resumes the deliveries where they stood.
 */
export interface PendingEventRecord {
  /** The event's id, the same on every attempt, across restarts too. */
  eventId: string;
  /** The partner it goes to (its secrets sign each attempt). */
  spId: string;
  /** Where it goes: the partner's URL when the event was made. */
  url: string;
  /** The event, exactly as posted (the signatures cover these bytes). */
  raw: string;
  /** Attempts made so far. */
  attempts: number;
  /** When the next attempt is due, epoch ms of the machine clock (timers run on it). */
  nextAttemptAt: number;
}

/** The commerce half of the sandbox's state. */
export interface CommerceState {
  /** What is for sale. */
  pricing: PricingRecord[];
  /** Every order. */
  orders: OrderRecord[];
  /** Every registration. */
  registrations: RegistrationRecord[];
  /** The notifications outbox. */
  notifications: NotificationRecord[];
  /** Turn purchases and signatures. */
  usage: UsageRecord[];
  /** Idempotency keys of the last 24 h. */
  idempotency: IdempotencyRecord[];
  /** Events not yet accepted by their partner, with their retry schedule. Absent in older state files. */
  pendingEvents?: PendingEventRecord[] | undefined;
}

/** The default catalog. Prices are placeholders in VND, changeable with `pricing` or the admin API. */
export const DEFAULT_PRICING: readonly PricingRecord[] = [
  {
    pricingCode: 'PS0',
    name: 'Chứng thư số cá nhân 1 năm – miễn phí cho người dân (chưa gồm lượt ký)',
    kind: 'certificate',
    price: 0,
    billing: 'per-turn',
    validityMonths: 12,
    freeForCitizens: true,
  },
  {
    pricingCode: 'PS-LUOT-1N',
    name: 'Chứng thư số theo lượt ký – 1 năm',
    kind: 'certificate',
    price: 150_000,
    billing: 'per-turn',
    validityMonths: 12,
    freeForCitizens: false,
  },
  {
    pricingCode: 'PS-KGH-1N',
    name: 'Chứng thư số không giới hạn lượt ký – 1 năm',
    kind: 'certificate',
    price: 1_200_000,
    billing: 'unlimited',
    validityMonths: 12,
    freeForCitizens: false,
  },
  { pricingCode: 'LK10', name: 'Gói 10 lượt ký', kind: 'turns', price: 50_000, turns: 10 },
  { pricingCode: 'LK20', name: 'Gói 20 lượt ký', kind: 'turns', price: 90_000, turns: 20 },
  { pricingCode: 'LK50', name: 'Gói 50 lượt ký', kind: 'turns', price: 200_000, turns: 50 },
  { pricingCode: 'LK100', name: 'Gói 100 lượt ký', kind: 'turns', price: 350_000, turns: 100 },
];

/**
 * The commerce state of a sandbox's state, created with the default catalog when a state file predates
 * it. Typed by the one field it needs, so that this module and state/types.ts do not import each other.
 */
export function commerceOf(state: { commerce?: CommerceState | undefined }): CommerceState {
  state.commerce ??= {
    pricing: DEFAULT_PRICING.map((p) => ({ ...p })),
    orders: [],
    registrations: [],
    notifications: [],
    usage: [],
    idempotency: [],
  };
  state.commerce.pendingEvents ??= [];
  return state.commerce;
}
