import { SmartCACertificate } from '../certificates/certificate.js';
import { ResponseSchemaError } from '../errors/response-schema-error.js';
import { base64ToBytes } from '../internal/bytes.js';
import { messages } from '../internal/messages.js';
import type { GatewayCredentialInfo } from '../protocol/gateway/schemas.js';

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

/** The gateway's credential info onto {@link GatewayCredential}. */
export function toGatewayCredential(id: string, info: GatewayCredentialInfo, requestId: string): GatewayCredential {
  const [signer, ...chain] = info.cert.certificates.map((c) => base64ToBytes(c));
  if (!signer || chain.some((c) => !c)) {
    throw new ResponseSchemaError({ code: 'RESPONSE_SCHEMA_MISMATCH', requestId, operation: 'gateway.credentials.info',
      message: messages.schemaDrift('gateway.credentials.info'),
      issues: [{ path: ['content', 'cert', 'certificates'], code: 'invalid_certificate', message: 'not base64 DER' }] });
  }
  const certificate = new SmartCACertificate(signer, {
    id, statusText: info.cert.status ?? undefined, wireSubject: info.cert.subjectDN ?? undefined,
    chain: chain as Uint8Array[],
  });
  const signType = info.signType === null || info.signType === undefined ? undefined : Number(info.signType);
  return {
    id,
    certificate,
    certificateStatus: info.cert.status ?? undefined,
    keyStatus: info.key?.status ?? undefined,
    authMode: info.authMode ?? undefined,
    scal: info.scal ?? undefined,
    multisign: info.multisign ?? undefined,
    billing: signType === undefined ? undefined : signType === 1 ? 'per-turn' : 'per-period',
    servicePacks: (info.servicePacks ?? []).map((p) => ({
      id: p.servicePackId,
      name: p.name ?? undefined,
      type: p.type === null || p.type === undefined ? undefined : String(p.type),
      status: p.status === null || p.status === undefined ? undefined : String(p.status),
      totalSignLimit: p.totalSignLimit ?? undefined,
      signedTurn: p.signedTurn ?? undefined,
      remainingTurns: p.totalSignLimit != null && p.signedTurn != null ? p.totalSignLimit - p.signedTurn : undefined,
    })),
    defaultServicePackId: info.defaultServicePackId == null ? undefined : String(info.defaultServicePackId),
  };
}
