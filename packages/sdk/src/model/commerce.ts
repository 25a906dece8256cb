import type { CertificateState } from './certificate-state.js';
import type { IdDocumentType, Gender } from '../commerce/validation/citizen-id.js';
import type { ToneMarkAlternative } from '../commerce/validation/full-name.js';

/** How a certificate's signing is paid for: by the turn, or unlimited for the certificate's lifetime. */
export type PackageBilling = 'per-turn' | 'unlimited';

/** A certificate package ("gói chứng thư số"). */
export interface CertificatePackage {
  /** The order code, e.g. `PS0`. */
  pricingCode: string;
  /** The name shown to users. */
  name: string;
  /** Per turn or unlimited. */
  billing: PackageBilling;
  /** Price in VND (0 for the citizens' free year). */
  price: number;
  /** How long the certificate is valid, in months. */
  validityMonths: number;
  /** The free one-year certificate for citizens (signing turns not included). */
  freeForCitizens: boolean;
}

/** A signing-turn pack ("gói lượt ký") for a per-turn certificate. */
export interface TurnPack {
  /** The order code, e.g. `LK10`. */
  pricingCode: string;
  /** The name shown to users. */
  name: string;
  /** Turns one pack adds. */
  turns: number;
  /** Price of one pack in VND. */
  price: number;
}

/** Everything that can be ordered. */
export interface Catalog {
  /** Always `VND`. */
  currency: 'VND';
  /** Certificate packages, chosen at registration. */
  certificatePackages: CertificatePackage[];
  /** Signing-turn packs, bought for a per-turn certificate. */
  turnPacks: TurnPack[];
}

/** A certificate's signing turns. */
export interface CertificateBalance {
  /** `credentialId` / `cert_id`. */
  certificateId: string;
  /** The certificate's serial number, hex. */
  serialNumber: string;
  /** `SMARTCA` (personal) or `ESEAL`. */
  serviceType: string;
  /** Per turn or unlimited. */
  billing: PackageBilling;
  /** Where the certificate is in its lifecycle. */
  state: CertificateState | undefined;
  /** End of the validity period. */
  validTo: Date;
  /** The service pack's id. */
  servicePackId: string;
  /** Turns bought in total (`totalSignLimit`). */
  totalSignLimit: number;
  /** Turns used (`signedTurn`). */
  signedTurn: number;
  /** Turns held by requests waiting for approval. */
  reservedTurns: number;
  /** `totalSignLimit − signedTurn`; null when unlimited. */
  remainingTurns: number | null;
  /** What a new request can still use: remaining minus reserved; null when unlimited. */
  availableTurns: number | null;
}

/** One change of a certificate's turns. */
export interface UsageEntry {
  /** When it happened. */
  at: Date;
  /** The certificate. */
  certificateId: string;
  /** A purchase (turns added) or a signature (turns used). */
  kind: 'purchase' | 'sign';
  /** Turns added (positive) or used (negative); 0 for a free signature. */
  turns: number;
  /** Why a signature cost nothing: an unlimited package, a public-service platform, or the acceptance record. */
  freeReason: 'unlimited' | 'public-service' | 'acceptance-record' | undefined;
  /** The order, for a purchase. */
  orderId: string | undefined;
  /** The signing transaction (partner's id), for a signature. */
  transactionId: string | undefined;
  /** The partner that asked for the signature. */
  partnerId: string | undefined;
}

/** How the user pays: VNPT Money wallet, credit card, or ATM card (NAPAS). */
export type PaymentMethod = 'vnpt-money' | 'credit-card' | 'atm-card';

/** Where an order's payment is. Only `pending` changes; the others are final. */
export type OrderStatus = 'pending' | 'paid' | 'declined' | 'abandoned' | 'expired';

/** An order for a turn pack or a registration's certificate package. */
export interface Order {
  /** The order's id. */
  id: string;
  /** Where the payment is. */
  status: OrderStatus;
  /** What was ordered. */
  pricingCode: string;
  /** How many packs. */
  quantity: number;
  /** Price × quantity, VND. */
  amount: number;
  /** Always `VND`. */
  currency: 'VND';
  /** The chosen payment method. */
  paymentMethod: PaymentMethod;
  /** The hosted payment page to send the user to. */
  paymentUrl: string;
  /** Where the payment page sends the user back, with `orderId` and `status` in the query. */
  returnUrl: string;
  /** The subscriber, for a turn pack. */
  userId: string | undefined;
  /** The certificate the turns go to. */
  certificateId: string | undefined;
  /** The registration, for a certificate package. */
  registrationId: string | undefined;
  /** Turns added when the payment succeeded. */
  turnsAdded: number;
  /** When the order was created. */
  createdAt: Date;
  /** When the payment succeeded. */
  paidAt: Date | undefined;
  /** When an unpaid order stops being payable. */
  expiresAt: Date;
}

/**
 * Where a registration is. It follows the seed guide's steps: payment if due, activation by code,
 * eKYC, the service contract, VNPT-CA's appraisal, the acceptance record, done (or rejected).
 */
export type RegistrationStatus =
  | 'awaiting-payment'
  | 'awaiting-activation'
  | 'awaiting-ekyc'
  | 'awaiting-contract'
  | 'in-appraisal'
  | 'awaiting-acceptance'
  | 'completed'
  | 'rejected';

/** A personal certificate registration. */
export interface Registration {
  /** The registration's id. */
  id: string;
  /** The current step. */
  status: RegistrationStatus;
  /** CCCD or CMND. */
  documentType: IdDocumentType;
  /** The ID number: the future `user_id`. */
  idNumber: string;
  /** The full name as accepted (NFC). */
  fullName: string;
  /** Words whose tone mark has another accepted placement: ask the user to compare with the card. */
  toneMarkAlternatives: ToneMarkAlternative[];
  /** Contact email. */
  email: string;
  /** Contact mobile number, national form. */
  phone: string;
  /** Contact address. */
  address: string;
  /** The certificate package chosen. */
  pricingCode: string;
  /** What is due before activation, VND (0 for the citizens' free year). */
  amountDue: number;
  /** The order that pays `amountDue`, once created. */
  orderId: string | undefined;
  /** The requested certificate's lifecycle state, from the signed contract on. */
  certificateState: CertificateState | undefined;
  /** The certificate's id, once issued. */
  certificateId: string | undefined;
  /** The certificate's serial number, once issued. */
  serialNumber: string | undefined;
  /** Why VNPT-CA refused the dossier. */
  rejectionReason: string | undefined;
  /** When the registration started. */
  createdAt: Date;
  /** When it last changed. */
  updatedAt: Date;
}

/** What {@link RegistrationsResource.create} needs: the seed guide's steps 2 and 3. */
export interface RegistrationParams {
  /** The ID card exactly as printed. */
  identity: {
    /** CCCD (12 digits) or CMND (9 or 12). */
    documentType: IdDocumentType;
    /** The card's number. */
    idNumber: string;
    /** The full name with its tone marks exactly where the card has them. */
    fullName: string;
    /** `YYYY-MM-DD`; checked against a CCCD's birth year when given. */
    dateOfBirth?: string | undefined;
    /** Checked against a CCCD's gender digit when given. */
    gender?: Gender | undefined;
  };
  /** Where the activation code goes, and where the person lives or works now. */
  contact: {
    /** An email used every day. */
    email: string;
    /** A Vietnamese mobile number. */
    phone: string;
    /** The contact address; it need not match the card. */
    address: string;
  };
  /** The certificate package's `pricingCode`. */
  pricingCode: string;
  /** The device the app runs on; one account per device. */
  deviceId: string;
}

/** A document the user signs during registration: the service contract or the acceptance record. */
export interface RegistrationDocument {
  /** The document's id, also the `docId` it is signed under. */
  documentId: string;
  /** Its title, e.g. "Biên bản nghiệm thu". */
  title: string;
  /** The full text (UTF-8), as the user reads it. */
  content: string;
  /** SHA-256 of the UTF-8 text: what gets signed. */
  digest: Uint8Array;
}
