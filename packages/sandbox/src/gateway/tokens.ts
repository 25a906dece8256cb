import { COMMERCE_SCOPE } from '@smartca-kit/sdk';
import type { Engine } from '../engine/engine.js';
import { b64url } from '../pki/encoding.js';
import { signJwt, verifyJwt } from '../pki/jwt.js';
import type { PartnerRecord, TokenRecord, UserRecord } from '../state/types.js';

/** VNPT's lifetimes: a 15 s authorization code, ~1 h access tokens, 3-month refresh tokens (V2 §3). */
export const CODE_TTL_MS = 15_000;
export const REFRESH_TTL_MS = 90 * 24 * 3600 * 1000;
/** The scope VNPT's token responses carry. */
export const GRANTED_SCOPE = 'email offline_access openid profile sign';

/** Issues, finds and spends OAuth2 artefacts. Every one is kept in state; nothing is accepted off-record. */
export class TokenStore {
  readonly #engine: Engine;
  readonly #accessTtlMs: number;

  constructor(engine: Engine, accessTtlMs: number) {
    this.#engine = engine;
    this.#accessTtlMs = accessTtlMs;
  }

  /** A one-time authorization code bound to the client and redirect URI. */
  issueCode(partner: PartnerRecord, user: UserRecord, redirectUri: string, scope: string): string {
    const value = randomToken();
    this.#add({
      value,
      kind: 'code',
      userId: user.userId,
      clientId: partner.spId,
      scope,
      redirectUri,
      expiresAt: this.#engine.now() + CODE_TTL_MS,
    });
    return value;
  }

  /** An access token (an RS256 JWT) and, unless `refreshToken` is reused, a new refresh token. */
  async issueTokens(partner: PartnerRecord, user: UserRecord, refreshToken?: string): Promise<Record<string, unknown>> {
    const now = this.#engine.now();
    const expiresAt = now + this.#accessTtlMs;
    const accessToken = await signJwt(this.#engine.state.authority.issuing.keyPkcs8, {
      iss: 'smartca-sandbox',
      sub: user.userId,
      client_id: partner.spId,
      scope: GRANTED_SCOPE,
      iat: Math.floor(now / 1000),
      exp: Math.floor(expiresAt / 1000),
      jti: globalThis.crypto.randomUUID(),
    });
    this.#add({
      value: accessToken,
      kind: 'access',
      userId: user.userId,
      clientId: partner.spId,
      scope: GRANTED_SCOPE,
      expiresAt,
    });
    let refresh = refreshToken;
    if (!refresh) {
      refresh = randomToken();
      this.#add({
        value: refresh,
        kind: 'refresh',
        userId: user.userId,
        clientId: partner.spId,
        scope: GRANTED_SCOPE,
        expiresAt: now + REFRESH_TTL_MS,
      });
    }
    return {
      access_token: accessToken,
      refresh_token: refresh,
      token_type: 'bearer',
      expires_in: Math.round(this.#accessTtlMs / 1000),
      scope: GRANTED_SCOPE,
    };
  }

  /**
   * A partner token for the commerce API (client-credentials grant, smartca-kit's extension): bound to
   * the partner, to no user, with scope `commerce`; no refresh token (the partner simply asks again).
   */
  async issueClientToken(partner: PartnerRecord): Promise<Record<string, unknown>> {
    const now = this.#engine.now();
    const expiresAt = now + this.#accessTtlMs;
    const accessToken = await signJwt(this.#engine.state.authority.issuing.keyPkcs8, {
      iss: 'smartca-sandbox',
      sub: partner.spId,
      client_id: partner.spId,
      scope: COMMERCE_SCOPE,
      iat: Math.floor(now / 1000),
      exp: Math.floor(expiresAt / 1000),
      jti: globalThis.crypto.randomUUID(),
    });
    this.#add({
      value: accessToken,
      kind: 'access',
      userId: '',
      clientId: partner.spId,
      scope: COMMERCE_SCOPE,
      expiresAt,
    });
    return {
      access_token: accessToken,
      token_type: 'bearer',
      expires_in: Math.round(this.#accessTtlMs / 1000),
      scope: COMMERCE_SCOPE,
    };
  }

  /** A live token of this kind for this client, or undefined. Codes are spent on lookup. */
  take(kind: TokenRecord['kind'], value: string | undefined, clientId: string): TokenRecord | undefined {
    const record = this.#engine.state.tokens.find(
      (t) => t.kind === kind && t.value === value && t.clientId === clientId,
    );
    if (!record || record.used || record.expiresAt <= this.#engine.now()) return undefined;
    if (kind === 'code') record.used = true;
    return record;
  }

  /** The access token behind an `Authorization: Bearer` header, verified and on record. */
  async bearer(header: string | null): Promise<TokenRecord | undefined> {
    const value = /^Bearer\s+(\S+)$/i.exec(header ?? '')?.[1];
    if (!value) return undefined;
    const record = this.#engine.state.tokens.find((t) => t.kind === 'access' && t.value === value);
    if (!record || record.expiresAt <= this.#engine.now()) return undefined;
    return (await verifyJwt(this.#engine.state.authority.issuing.certDer, value)) ? record : undefined;
  }

  #add(record: TokenRecord): void {
    const now = this.#engine.now();
    const tokens = this.#engine.state.tokens;
    // Forget what can no longer be used, so the state file does not grow without bound.
    for (let i = tokens.length - 1; i >= 0; i--) if ((tokens[i] as TokenRecord).expiresAt <= now) tokens.splice(i, 1);
    tokens.push(record);
  }
}

function randomToken(): string {
  return b64url(globalThis.crypto.getRandomValues(new Uint8Array(32)));
}
