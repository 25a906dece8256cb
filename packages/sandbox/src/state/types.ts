import type { CommerceState } from '../commerce/state.js';
import type { Authority } from '../pki/authority.js';
import type { RevocationReason } from '../pki/revocation-reasons.js';
import type { Billing } from './billing.js';

/**
 * Everything the sandbox remembers. Plain JSON, so `--data state.json` can persist it and tests can
 * snapshot it. Keys and certificates are base64 DER; times are epoch milliseconds.
 */
export interface SandboxState {
  /** The state format's version. */
  version: 1;
  /** The sandbox's CA: the root and the issuing certificate, with their keys. */
  authority: Authority;
  /** The registered service providers. */
  partners: PartnerRecord[];
  /** The subscribers. */
  users: UserRecord[];
  /** Every subscriber's certificates, with keys and service packs. */
  certificates: CertificateRecord[];
  /** Every signing transaction, settled ones included. */
  transactions: TransactionRecord[];
  /** The OAuth2 codes and tokens issued and not yet expired. */
  tokens: TokenRecord[];
  /** Packages, orders, registrations, the notifications outbox and usage. Absent in older state files. */
  commerce?: CommerceState | undefined;
}

/** A service provider (SP769 `sp_id`, and the gateway's OAuth2 `client_id`). */
export interface PartnerRecord {
  /** `sp_id`, also the OAuth2 `client_id`. */
  spId: string;
  /** `sp_password`, also the OAuth2 `client_secret`. */
  spPassword: string;
  /** A display name. */
  name: string;
  /** A public-service platform: signing through it costs no turn. */
  publicService: boolean;
  /** Where SP769 webhooks go, registered "out of band" (here: the admin API or options). */
  webhookUrl?: string | undefined;
  /** Allowed OAuth2 redirect URIs; `loopback` allows any http://127.0.0.1 or http://localhost URL. */
  redirectUris: string[];
  /** VNPT approves the password grant per partner. */
  passwordGrant: boolean;
  /** Where commerce events (`order.*`, `registration.updated`) go, signed with `webhookSecrets`. */
  commerceWebhookUrl?: string | undefined;
  /** The commerce webhook secrets; every delivery carries a signature by each (rotation). */
  webhookSecrets?: string[] | undefined;
}

/** A subscriber. */
export interface UserRecord {
  /** `user_id`: the ID card number (CCCD/CMND), also the gateway login name. */
  userId: string;
  /** The name written into the `CN` of the user's personal certificates. */
  fullName: string;
  /** The province written into the certificates' `ST`. */
  province: string;
  /** The user's email address. */
  email: string;
  /** The user's phone number. */
  phone: string;
  /** The SmartCA login password (gateway password grant, TH). */
  password: string;
  /** The TOTP secret, base64 as VNPT hands it out (SmartCA TH). */
  totpSecret: string;
  /** Wrong passwords in a row; the account locks when it reaches the limit. */
  failedLogins: number;
  /** The account is locked until this time after too many wrong passwords. */
  lockedUntil?: number | undefined;
  /** Devices where this account is activated: one account per device. */
  deviceIds?: string[] | undefined;
}

export type { Billing } from './billing.js';

/** A certificate, its private key (the "HSM"), and its service pack. */
export interface CertificateRecord {
  /** `cert_id` (SP769) and `credentialId` (gateway). */
  certId: string;
  /** The owner's {@link UserRecord.userId}. */
  userId: string;
  /** `service_type`: a personal certificate or an organisation's e-seal. */
  serviceType: 'SMARTCA' | 'ESEAL';
  /** `service_name`, e.g. `SMARTCA PERSONAL PRO`. */
  serviceName: string;
  /** `serial_number`: the certificate's serial number, lowercase hex. */
  serialNumber: string;
  /** `cert_subject` as VNPT prints it: `C=VN,ST=…,CN=…,UID=CCCD:…`, no spaces. */
  subject: string;
  /** The certificate, base64 DER. */
  certDer: string;
  /** The private key, base64 PKCS#8 DER. It never leaves the sandbox. */
  keyPkcs8: string;
  /** Start of the validity period. */
  validFrom: number;
  /** End of the validity period. */
  validTo: number;
  /** Revoked through the admin API: the certificate can no longer sign. */
  revoked: boolean;
  /** When it was revoked (sandbox clock), as OCSP and the CRL report it. Absent in older state files. */
  revokedAt?: number | undefined;
  /** Why, as the CRL reason name (`keyCompromise`, ...). Default `unspecified`. */
  revocationReason?: RevocationReason | undefined;
  /** The service pack that pays for the certificate's signatures. */
  pack: ServicePackRecord;
  /** Lifecycle state 0–11 (VNPT's mobile SDK codes). Absent: issued and accepted (0, VALID). */
  lifecycle?: number | undefined;
  /** SHA-256 (hex) of the acceptance record the holder must sign while the state is 7. */
  acceptanceDigestHex?: string | undefined;
}

/** Turns: available = totalSignLimit − signedTurn − reserved (reserved by pending transactions). */
export interface ServicePackRecord {
  /** The gateway's `servicePackId`. */
  servicePackId: string;
  /** The pack's display name. */
  name: string;
  /** Per-turn or unlimited. */
  billing: Billing;
  /** Turns bought. Ignored when `billing` is `unlimited`. */
  totalSignLimit: number;
  /** Turns charged by signed transactions. */
  signedTurn: number;
  /** Turns held by pending transactions. */
  reserved: number;
}

/** Where a transaction came in. */
export type TransactionSurface = 'sp769' | 'sp769-th' | 'gateway';

/** One signing transaction. */
export interface TransactionRecord {
  /** VNPT's id: SP769 `tran_code`, gateway `tranId`. */
  tranId: string;
  /** The partner's id: SP769 `transaction_id`, gateway `refTranId`. */
  transactionId: string;
  /** Where the transaction came in. */
  surface: TransactionSurface;
  /** The partner that created it. */
  spId: string;
  /** The user asked to approve it. */
  userId: string;
  /** The certificate that signs. */
  certId: string;
  /** SP769 `transaction_desc` or gateway `description`, shown to the user. */
  description: string;
  /** The hashes to sign, in request order. */
  files: Array<{
    /** SP769 `doc_id`, or gateway `datas[].name`. */
    docId: string;
    /** SP769 `file_type` (empty when not sent); `hash` on the gateway. */
    fileType: string;
    /** The document's name: gateway `datas[].name`, or the `doc_id` on SP769. */
    name: string;
    /** The value to sign, lowercase hex: a SHA-256 digest, or what the gateway's `signhash` was given. */
    digestHex: string;
    /** Whole-file signing (`/csc/signature/sign`): the file, which the sandbox signs itself. */
    document?: WholeFile | undefined;
  }>;
  /** What makes a reuse of `transactionId` a replay rather than a conflict. */
  fingerprint: string;
  /** When the transaction was created. */
  createdAt: number;
  /** The end of the approval window; a still pending transaction expires then. */
  expiresAt: number;
  /** Where the transaction is in its lifecycle; all but `pending` are final. */
  status: 'pending' | 'signed' | 'rejected' | 'expired' | 'failed';
  /** Turns reserved at request time; charged on signing, released otherwise. */
  cost: number;
  /** The base64 signatures, one per entry of `files` in the same order, once signed. */
  signatures?: string[] | undefined;
  /** The gateway's `notifyUrl`, called once when the transaction settles. */
  notifyUrl?: string | undefined;
  /** SmartCA TH: the `sad` that confirms this transaction. */
  sad?: string | undefined;
  /** When the transaction left `pending`. */
  settledAt?: number | undefined;
}

/** A file sent whole to be signed: kept so that the signed file can be rebuilt from it on request. */
export interface WholeFile {
  /** How it is signed: PAdES B-B incremental update, or enveloped XMLDSig. */
  format: 'pdf' | 'xml';
  /** The file as sent, base64. */
  dataBase64: string;
  /** The signing time written into the signature (the request's time), epoch ms. */
  signingTime: number;
}

/** An OAuth2 artefact the sandbox issued. */
export interface TokenRecord {
  /** The code or token itself, as handed to the partner. Access tokens are RS256 JWTs. */
  value: string;
  /** An authorization code, an access token or a refresh token. */
  kind: 'code' | 'access' | 'refresh';
  /** The user who authorised the partner. */
  userId: string;
  /** The partner's OAuth2 `client_id` (its `spId`). */
  clientId: string;
  /** The scope: as requested for a code, as granted for a token. */
  scope: string;
  /** When the code or token stops being accepted. */
  expiresAt: number;
  /** The `redirect_uri` an authorization code is bound to. */
  redirectUri?: string | undefined;
  /** True once an authorization code has been exchanged; codes are single-use. */
  used?: boolean | undefined;
}
