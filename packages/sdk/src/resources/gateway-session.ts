import { AuthenticationError } from '../errors/authentication-error.js';
import { InvalidInputError } from '../errors/invalid-input-error.js';
import { bytesToBase64 } from '../internal/bytes.js';
import type { ClientContext } from '../internal/context.js';
import { randomId } from '../internal/ids.js';
import {
  gatewayCredentialInfo, gatewayCredentialList, gatewaySignHashContent, gatewayTranInfo,
} from '../protocol/gateway/schemas.js';
import { gatewayUpdate } from '../protocol/gateway/status.js';
import { SigningTransaction } from '../transaction/signing-transaction.js';
import type { DocumentToSign, RequestOptions, TransactionSnapshot } from '../transaction/types.js';
import { validateDocuments } from '../transaction/validate.js';
import { toGatewayCredential, type GatewayCredential } from './gateway-credential.js';
import type { SmartCACertificate } from '../certificates/certificate.js';

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

/** Arguments of {@link GatewaySession.signHash}. */
export interface SignHashParams extends RequestOptions {
  /** `credentialId`. When omitted and the user has exactly one credential, that one is used. */
  credentialId?: string | undefined;
  /** The credential's certificate, when you already have it (skips `credentials/info`). */
  certificate?: SmartCACertificate | undefined;
  /** 1 to 50 digests, sent base64 in `datas[]`. */
  documents: DocumentToSign[];
  /** `description`, shown in the app. */
  description?: string | undefined;
  /** `refTranId`, the partner's id; generated when omitted. */
  refTranId?: string | undefined;
  /** `notifyUrl`: VNPT POSTs `{tranId, refTranId, status}` there once. Feed it to `smartca.webhooks`. */
  notifyUrl?: string | undefined;
}

/**
 * One user's authorised session on the OAuth2 gateway. Refreshes its access token before it expires
 * (and once more if the gateway answers 401), and reports new tokens through `onTokens`.
 *
 * @example
 * ```ts
 * const session = await smartca.gateway.login({ grant: 'password', username: '001099000001', password });
 * const [credentialId] = await session.listCredentials();
 * const tx = await session.signHash({ credentialId, documents: [{ docId: 'HD-01', digest }] });
 * await tx.wait();
 * ```
 */
export class GatewaySession {
  readonly #ctx: ClientContext;
  readonly #onTokens: ((tokens: GatewayTokens) => void) | undefined;
  #tokens: GatewayTokens;
  #obtainedAt = Date.now();
  #refreshing: Promise<GatewayTokens> | undefined;

  constructor(ctx: ClientContext, tokens: GatewayTokens, onTokens?: (tokens: GatewayTokens) => void) {
    this.#ctx = ctx;
    this.#tokens = tokens;
    this.#onTokens = onTokens;
  }

  /** The current tokens. */
  get tokens(): GatewayTokens {
    return { ...this.#tokens };
  }

  /** Exchanges the refresh token for new tokens now. Concurrent callers share one request. */
  refresh(options: RequestOptions = {}): Promise<GatewayTokens> {
    this.#refreshing ??= this.#doRefresh(options).finally(() => {
      this.#refreshing = undefined;
    });
    return this.#refreshing;
  }

  /** `/csc/credentials/list`: the user's credential ids. */
  async listCredentials(options: RequestOptions = {}): Promise<string[]> {
    const answer = await this.#authorized((token) => this.#ctx.gateway().call('csc/credentials/list',
      'gateway.credentials.list', token, {}, gatewayCredentialList, 'idempotent', options));
    return answer.content;
  }

  /** `/csc/credentials/info` with the full chain, cert and auth info, and the service packs. */
  async getCredential(credentialId: string, options: RequestOptions = {}): Promise<GatewayCredential> {
    const answer = await this.#authorized((token) => this.#ctx.gateway().call('csc/credentials/info',
      'gateway.credentials.info', token, { credentialId, certificates: 'chain', certInfo: true, authInfo: true },
      gatewayCredentialInfo, 'idempotent', options));
    return toGatewayCredential(credentialId, answer.content, answer.requestId);
  }

  /**
   * `/csc/signature/signhash`: asks the user to approve in the SmartCA app and returns the pending
   * transaction. Not retried after an ambiguous failure: VNPT documents no deduplication of `refTranId`.
   */
  async signHash(params: SignHashParams): Promise<SigningTransaction> {
    validateDocuments(params.documents);
    const credentialId = params.credentialId ?? await this.#onlyCredential(params);
    const certificate = params.certificate ?? (await this.getCredential(credentialId, params)).certificate;
    const refTranId = params.refTranId ?? randomId();
    const createdAt = new Date();
    const body = {
      credentialId, refTranId, description: params.description ?? '',
      ...(params.notifyUrl ? { notifyUrl: params.notifyUrl } : {}),
      datas: params.documents.map((d) => ({ name: d.name ?? d.docId, hash: bytesToBase64(d.digest) })),
    };
    const answer = await this.#authorized((token) => this.#ctx.gateway().call('csc/signature/signhash',
      'gateway.signhash', token, body, gatewaySignHashContent, 'server-signalled', params));
    const tranId = answer.content.tranId;
    const tx = new SigningTransaction({
      id: refTranId, providerId: tranId, documents: [...params.documents], certificate, trust: this.#ctx.trust,
      createdAt, expiresAt: new Date(createdAt.getTime() + this.#ctx.approvalWindowMs), requestId: answer.requestId,
      onSettled: (settled) => this.#ctx.registry.remove(settled),
      driver: { surface: 'gateway', fetchStatus: async (options) => {
        const info = await this.#tranInfo(tranId, options);
        return gatewayUpdate(info.content, info.requestId);
      } },
    });
    this.#ctx.registry.add(tx);
    return tx;
  }

  /** `/csc/credentials/gettraninfo` as a snapshot (signatures are only handed out, verified, by `wait`). */
  async getTransaction(tranId: string, options: RequestOptions = {}): Promise<TransactionSnapshot> {
    const info = await this.#tranInfo(tranId, options);
    const update = gatewayUpdate(info.content, info.requestId);
    return { id: info.content.refTranId ?? tranId, providerId: tranId, surface: 'gateway', status: update.status,
      wireStatus: update.wireStatus, wireCode: update.wireCode, requestId: info.requestId };
  }

  #tranInfo(tranId: string, options: RequestOptions) {
    return this.#authorized((token) => this.#ctx.gateway().call('csc/credentials/gettraninfo',
      'gateway.gettraninfo', token, { tranId }, gatewayTranInfo, 'idempotent', options));
  }

  async #onlyCredential(options: RequestOptions): Promise<string> {
    const ids = await this.listCredentials(options);
    if (ids.length === 1) return ids[0] as string;
    throw new InvalidInputError({ field: 'credentialId', message: {
      vi: `Người dùng có ${ids.length} chứng thư số; hãy chỉ định credentialId (${ids.join(', ') || '-'}).`,
      en: `The user has ${ids.length} credentials; pass credentialId (${ids.join(', ') || '-'}).` } });
  }

  async #authorized<T>(call: (accessToken: string) => Promise<T>): Promise<T> {
    if (this.#needsRefresh()) await this.refresh();
    try {
      return await call(this.#tokens.accessToken);
    } catch (error) {
      // A token revoked or expired early: one refresh, one more try.
      if (!(error instanceof AuthenticationError) || error.status !== 401 || !this.#tokens.refreshToken) throw error;
      await this.refresh();
      return call(this.#tokens.accessToken);
    }
  }

  #needsRefresh(): boolean {
    if (!this.#tokens.refreshToken) return false;
    const expiresAt = this.#tokens.expiresAt.getTime();
    const margin = Math.min(REFRESH_MARGIN_MS, (expiresAt - this.#obtainedAt) / 5);
    return expiresAt - Date.now() < margin;
  }

  async #doRefresh(options: RequestOptions): Promise<GatewayTokens> {
    const refreshToken = this.#tokens.refreshToken;
    if (!refreshToken) {
      throw new AuthenticationError({ code: 'NO_REFRESH_TOKEN', message: {
        vi: 'Phiên đăng nhập SmartCA đã hết hạn và không có refresh token; người dùng cần đăng nhập lại.',
        en: 'The SmartCA session expired and has no refresh token; the user must sign in again.' } });
    }
    const { data } = await this.#ctx.gateway().token({ grant_type: 'refresh_token', refresh_token: refreshToken,
      scope: this.#tokens.scope ?? 'sign offline_access' }, options);
    this.#tokens = tokensFrom(data, refreshToken);
    this.#obtainedAt = Date.now();
    this.#onTokens?.(this.tokens);
    return this.tokens;
  }
}

// Refresh a minute early (VNPT tokens live an hour), or a fifth of the lifetime for short-lived tokens,
// so a call never leaves with a token about to die.
const REFRESH_MARGIN_MS = 60_000;

/** Token response onto {@link GatewayTokens}. A refresh that returns no new refresh token keeps the old one. */
export function tokensFrom(data: { access_token: string; refresh_token?: string | null | undefined; token_type: string;
  expires_in: number; scope?: string | null | undefined }, previousRefreshToken?: string): GatewayTokens {
  return {
    accessToken: data.access_token,
    refreshToken: data.refresh_token ?? previousRefreshToken,
    tokenType: data.token_type,
    scope: data.scope ?? undefined,
    expiresAt: new Date(Date.now() + data.expires_in * 1000),
  };
}
