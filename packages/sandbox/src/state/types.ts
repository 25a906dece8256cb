import type { Authority } from '../pki/authority.js';

/**
 * Everything the sandbox remembers. Plain JSON, so `--data state.json` can persist it and tests can
 * snapshot it. Keys and certificates are base64 DER; times are epoch milliseconds.
 */
export interface SandboxState {
  version: 1;
  authority: Authority;
  partners: PartnerRecord[];
  users: UserRecord[];
  certificates: CertificateRecord[];
  transactions: TransactionRecord[];
  tokens: TokenRecord[];
}

/** A service provider (SP769 `sp_id`, and the gateway's OAuth2 `client_id`). */
export interface PartnerRecord {
  spId: string;
  spPassword: string;
  name: string;
  /** A public-service platform: signing through it costs no turn. */
  publicService: boolean;
  /** Where SP769 webhooks go, registered "out of band" (here: the admin API or options). */
  webhookUrl?: string | undefined;
  /** Allowed OAuth2 redirect URIs; `loopback` allows any http://127.0.0.1 or http://localhost URL. */
  redirectUris: string[];
  /** VNPT approves the password grant per partner. */
  passwordGrant: boolean;
}

/** A subscriber. */
export interface UserRecord {
  userId: string;
  fullName: string;
  province: string;
  email: string;
  phone: string;
  /** The SmartCA login password (gateway password grant, TH). */
  password: string;
  /** The TOTP secret, base64 as VNPT hands it out (SmartCA TH). */
  totpSecret: string;
  failedLogins: number;
  lockedUntil?: number | undefined;
}

/** How a certificate's signing is paid for. */
export type Billing = 'per-turn' | 'unlimited';

/** A certificate, its private key (the "HSM"), and its service pack. */
export interface CertificateRecord {
  certId: string;
  userId: string;
  serviceType: 'SMARTCA' | 'ESEAL';
  serviceName: string;
  serialNumber: string;
  /** `cert_subject` as VNPT prints it: `C=VN,ST=…,CN=…,UID=CCCD:…`, no spaces. */
  subject: string;
  certDer: string;
  keyPkcs8: string;
  validFrom: number;
  validTo: number;
  revoked: boolean;
  pack: ServicePackRecord;
}

/** Turns: available = totalSignLimit − signedTurn − reserved (reserved by pending transactions). */
export interface ServicePackRecord {
  servicePackId: string;
  name: string;
  billing: Billing;
  totalSignLimit: number;
  signedTurn: number;
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
  surface: TransactionSurface;
  spId: string;
  userId: string;
  certId: string;
  description: string;
  files: Array<{ docId: string; fileType: string; name: string; digestHex: string }>;
  /** What makes a reuse of `transactionId` a replay rather than a conflict. */
  fingerprint: string;
  createdAt: number;
  expiresAt: number;
  status: 'pending' | 'signed' | 'rejected' | 'expired' | 'failed';
  /** Turns reserved at request time; charged on signing, released otherwise. */
  cost: number;
  signatures?: string[] | undefined;
  notifyUrl?: string | undefined;
  /** SmartCA TH: the `sad` that confirms this transaction. */
  sad?: string | undefined;
  settledAt?: number | undefined;
}

/** An OAuth2 artefact the sandbox issued. */
export interface TokenRecord {
  value: string;
  kind: 'code' | 'access' | 'refresh';
  userId: string;
  clientId: string;
  scope: string;
  expiresAt: number;
  redirectUri?: string | undefined;
  used?: boolean | undefined;
}
