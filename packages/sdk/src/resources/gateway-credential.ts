import type { SmartCACertificate } from '../certificates/certificate.js';

/** A service pack ("gói cước") attached to a credential. */
export interface ServicePack {
  /** `servicePackId`. */
  id: string;
  /** e.g. "Gói lượt ký cá nhân 001099000001". */
  name: string | undefined;
  /** As VNPT sends it. */
  type: string | undefined;
  /** As VNPT sends it. */
  status: string | undefined;
  /** Turns the pack allows in total, when the gateway reports usage. */
  totalSignLimit: number | undefined;
  /** Turns already used. */
  signedTurn: number | undefined;
  /** `totalSignLimit − signedTurn`, when both are known. */
  remainingTurns: number | undefined;
}

/** `/csc/credentials/info`, mapped. */
export interface GatewayCredential {
  /** `credentialId`. */
  id: string;
  /** The signer certificate with its chain (`cert.certificates[]`, signer → CA → root). */
  certificate: SmartCACertificate;
  /** `cert.status`, e.g. `VALID`. */
  certificateStatus: string | undefined;
  /** `key.status`, e.g. `ENABLED`. */
  keyStatus: string | undefined;
  /** `authMode`, e.g. `oauth2code`. */
  authMode: string | undefined;
  /** `scal`, e.g. `SCAL2`. */
  scal: string | undefined;
  /** `multisign`: signatures per authorisation. */
  multisign: number | undefined;
  /** `signType` 1 is per turn ("theo lượt ký"); anything else is per period (mobile SDK model). */
  billing: 'per-turn' | 'per-period' | undefined;
  /** `servicePacks[]`. */
  servicePacks: ServicePack[];
  /** `defaultServicePackId`. */
  defaultServicePackId: string | undefined;
}
