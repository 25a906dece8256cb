import type { z as Zod } from 'zod';
import { lazySchemas } from '../../internal/lazy-schema.js';

// Wire schemas of VNPT's OAuth2 gateway ("DỊCH VỤ VNPT-SMARTCA – Tài liệu đặc tả", v1.1). Names are
// VNPT's (`credentialId`, `refTranId`, `tranStatus`, ...) and stay in this folder.

/** Envelope `code`s that mean success: VNPT's examples send 0, its result tables list 1 in places. */
export const GATEWAY_SUCCESS_CODES: readonly number[] = [0, 1];

// Built on first parse (internal/lazy-schema.ts): importing the SDK loads no zod.
function build(z: typeof Zod) {
  /** `POST /auth/token` success. `expires_in` is 3599 or 3600 in VNPT's examples. */
  const gatewayToken = z.object({
    access_token: z.string().min(1),
    refresh_token: z.string().nullish(),
    token_type: z.string(),
    expires_in: z.coerce.number(),
    scope: z.string().nullish(),
  });
  /** `POST /auth/token` failure (HTTP 400): RFC 6749 §5.2. */
  const gatewayOAuthError = z.object({
    error: z.string(),
    error_description: z.string().nullish(),
  });
  /**
   * `{ code, codeDesc, message, content }`, the `/csc/*` answer. `content` is validated per endpoint.
   * Some answers come bare, without it (VNPT's own `credentials/info` example and its .NET sample), so an
   * answer is only read as an envelope when it carries `code`; see {@link GatewayApi}.
   */
  const gatewayEnvelope = z.object({
    code: z.coerce.number(),
    codeDesc: z.string().nullish(),
    message: z.string().nullish(),
    content: z.unknown().optional(),
  });
  /** Any JSON answer of a `/csc/*` call: an envelope, or (some endpoints) the bare result. */
  const gatewayAnswer = z.unknown();
  const gatewayCredentialList = z.array(z.string());
  const gatewayServicePack = z.object({
    servicePackId: z.union([z.string(), z.number()]).transform(String),
    name: z.string().nullish(),
    admin: z
      .object({
        id: z.union([z.string(), z.number()]).nullish(),
        uid: z.string().nullish(),
        fullName: z.string().nullish(),
        email: z.string().nullish(),
        phone: z.string().nullish(),
      })
      .nullish(),
    type: z.union([z.string(), z.number()]).nullish(),
    status: z.union([z.string(), z.number()]).nullish(),
    // From the mobile SDK's certificate model; present when the gateway reports usage.
    totalSignLimit: z.coerce.number().nullish(),
    signedTurn: z.coerce.number().nullish(),
  });
  const gatewayCredentialInfo = z.object({
    key: z
      .object({
        status: z.string().nullish(),
        alg: z.array(z.string()).nullish(),
        len: z.coerce.number().nullish(),
      })
      .nullish(),
    cert: z.object({
      status: z.string().nullish(),
      serialNumber: z.string().nullish(),
      subjectDN: z.string().nullish(),
      issuerDN: z.string().nullish(),
      certificates: z.array(z.string()).min(1),
      validFrom: z.string().nullish(),
      validTo: z.string().nullish(),
    }),
    authMode: z.string().nullish(),
    scal: z.string().nullish(),
    multisign: z.coerce.number().nullish(),
    status: z.string().nullish(),
    servicePacks: z.array(gatewayServicePack).nullish(),
    signType: z.union([z.string(), z.number()]).nullish(),
    defaultServicePackId: z.union([z.string(), z.number()]).nullish(),
  });
  const gatewaySignHashContent = z.object({ tranId: z.string() });
  const gatewayTranInfo = z.object({
    refTranId: z.string().nullish(),
    tranId: z.string(),
    sub: z.string().nullish(),
    credentialId: z.string().nullish(),
    reqTime: z.string().nullish(),
    // VNPT sends `size` as text ("30KB") and `type` as a number or text; the SDK reads neither, so they are
    // accepted as whatever comes. The signature is `sig`, or `signature` in some answers.
    documents: z
      .array(
        z.object({
          name: z.string().nullish(),
          type: z.union([z.string(), z.number()]).nullish(),
          size: z.union([z.string(), z.number()]).nullish(),
          data: z.unknown().optional(),
          hash: z.string().nullish(),
          sig: z.string().nullish(),
          signature: z.string().nullish(),
          dataSigned: z.string().nullish(),
          url: z.string().nullish(),
        }),
      )
      .nullish(),
    tranType: z.coerce.number().nullish(),
    tranTypeDesc: z.string().nullish(),
    tranStatus: z.coerce.number(),
    tranStatusDesc: z.string().nullish(),
  });
  /** The body VNPT POSTs, exactly once, to a request's `notifyUrl` (V2 §5.2.3). Status only, no signature. */
  const gatewayNotifyBody = z.object({
    tranId: z.string(),
    refTranId: z.string().nullish(),
    status: z.coerce.number(),
  });
  return {
    gatewayToken,
    gatewayOAuthError,
    gatewayEnvelope,
    gatewayAnswer,
    gatewayCredentialList,
    gatewayServicePack,
    gatewayCredentialInfo,
    gatewaySignHashContent,
    gatewayTranInfo,
    gatewayNotifyBody,
  };
}

type Built = ReturnType<typeof build>;

export const {
  gatewayToken,
  gatewayOAuthError,
  gatewayEnvelope,
  gatewayAnswer,
  gatewayCredentialList,
  gatewayServicePack,
  gatewayCredentialInfo,
  gatewaySignHashContent,
  gatewayTranInfo,
  gatewayNotifyBody,
} = lazySchemas(build);

export type GatewayCredentialInfo = Zod.infer<Built['gatewayCredentialInfo']>;
export type GatewayTranInfo = Zod.infer<Built['gatewayTranInfo']>;
export type GatewayToken = Zod.infer<Built['gatewayToken']>;
