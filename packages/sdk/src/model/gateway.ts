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

/** The three grants VNPT's `/auth/token` accepts. */
export type GatewayGrant =
  | {
      /** The authorization-code grant, after the user comes back from {@link GatewayResource.authorizationUrl}. */
      grant: 'authorization_code';
      /** The `code` query parameter the user came back with (valid for 15 s). */
      code: string;
      /** The same `redirect_uri` the authorization URL was built with. */
      redirectUri: string;
    }
  | {
      /** The resource-owner password grant, with the user's SmartCA credentials. */
      grant: 'password';
      /** The user's SmartCA username. */
      username: string;
      /** The user's SmartCA password. */
      password: string;
    }
  | {
      /** The refresh-token grant, to renew a session from a stored refresh token. */
      grant: 'refresh_token';
      /** The `refresh_token` from an earlier login. */
      refreshToken: string;
      /** The scope to request. Default {@link GATEWAY_SCOPE}. */
      scope?: string;
    };

/** The user's OAuth2 tokens. Persist them (encrypted) to keep a session across restarts. */
export interface GatewayTokens {
  /** The bearer token (a JWT at VNPT). */
  accessToken: string;
  /** Lives three months at VNPT; absent for grants that do not issue one. */
  refreshToken: string | undefined;
  /** `token_type`, `bearer`. */
  tokenType: string;
  /** `scope` as granted. */
  scope: string | undefined;
  /** When the access token stops working. */
  expiresAt: Date;
}
