import { SmartCACertificate } from '../../certificates/certificate.js';
import { ResponseSchemaError } from '../../errors/response-schema-error.js';
import { base64ToBytes, bytesToBase64 } from '../../internal/bytes.js';
import { messages } from '../../internal/messages.js';
import type { GatewayCredential, GatewayGrant, GatewayTokens } from '../../model/gateway.js';
import type { DocumentToSign } from '../../model/transaction.js';
import type { FileToSign } from '../../model/files.js';
import type { GatewayCredentialInfo, GatewayToken } from './schemas.js';

/** VNPT's default scope for partner signing. */
export const GATEWAY_SCOPE = 'sign offline_access';

/** A grant as `/auth/token`'s form fields (client credentials are added by the API). */
export function toGrantForm(grant: GatewayGrant): Record<string, string> {
  switch (grant.grant) {
    case 'authorization_code':
      return { grant_type: 'authorization_code', code: grant.code, redirect_uri: grant.redirectUri };
    case 'password':
      return { grant_type: 'password', username: grant.username, password: grant.password, scope: GATEWAY_SCOPE };
    default:
      return { grant_type: 'refresh_token', refresh_token: grant.refreshToken, scope: grant.scope ?? GATEWAY_SCOPE };
  }
}

/** A token response onto {@link GatewayTokens}. A refresh that returns no new refresh token keeps the old one. */
export function toTokens(data: GatewayToken, previousRefreshToken?: string): GatewayTokens {
  return {
    accessToken: data.access_token,
    refreshToken: data.refresh_token ?? previousRefreshToken,
    tokenType: data.token_type,
    scope: data.scope ?? undefined,
    expiresAt: new Date(Date.now() + data.expires_in * 1000),
  };
}

/** The `/csc/signature/signhash` body: digests in base64, at most 50 (checked before). */
export function toSignHashBody(input: {
  credentialId: string;
  transactionId: string;
  description: string | undefined;
  notifyUrl: string | undefined;
  documents: readonly DocumentToSign[];
}): Record<string, unknown> {
  return {
    credentialId: input.credentialId,
    refTranId: input.transactionId,
    description: input.description ?? '',
    ...(input.notifyUrl ? { notifyUrl: input.notifyUrl } : {}),
    datas: input.documents.map((d) => ({ name: d.name ?? d.docId, hash: bytesToBase64(d.digest) })),
  };
}

/** The `/csc/signature/sign` body: files in base64, at most 10 (checked before). */
export function toSignFilesBody(input: {
  credentialId: string;
  transactionId: string;
  description: string | undefined;
  notifyUrl: string | undefined;
  files: readonly FileToSign[];
}): Record<string, unknown> {
  return {
    credentialId: input.credentialId,
    refTranId: input.transactionId,
    description: input.description ?? '',
    ...(input.notifyUrl ? { notifyUrl: input.notifyUrl } : {}),
    datas: input.files.map((f) => ({
      name: f.name,
      dataBase64: bytesToBase64(f.data),
      ...(f.options === undefined
        ? {}
        : { options: typeof f.options === 'string' ? f.options : JSON.stringify(f.options) }),
    })),
  };
}

/** The gateway's credential info onto {@link GatewayCredential}. */
export function toGatewayCredential(id: string, info: GatewayCredentialInfo, requestId: string): GatewayCredential {
  const [signer, ...chain] = info.cert.certificates.map((c) => base64ToBytes(c));
  if (!signer || chain.some((c) => !c)) {
    throw new ResponseSchemaError({
      code: 'RESPONSE_SCHEMA_MISMATCH',
      requestId,
      operation: 'gateway.credentials.info',
      message: messages.schemaDrift('gateway.credentials.info'),
      issues: [{ path: ['content', 'cert', 'certificates'], code: 'invalid_certificate', message: 'not base64 DER' }],
    });
  }
  const certificate = new SmartCACertificate(signer, {
    id,
    statusText: info.cert.status ?? undefined,
    statusCode: info.cert.status ?? undefined,
    wireSubject: info.cert.subjectDN ?? undefined,
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
