import type { ClientContext } from '../internal/context.js';
import { randomId } from '../internal/ids.js';
import type { RequestOptions } from '../transaction/types.js';
import { GATEWAY_SCOPE } from '../protocol/gateway/map.js';
import { GatewaySession, type GatewayTokens } from './gateway-session.js';

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

/** Options of {@link GatewayResource.login} and {@link GatewayResource.session}. */
export interface GatewaySessionOptions extends RequestOptions {
  /** Called with new tokens after every refresh, to persist them. */
  onTokens?: ((tokens: GatewayTokens) => void) | undefined;
}


/**
 * The OAuth2 gateway (`/auth/*`, `/csc/*`). Each end user authorises the partner once; the session then
 * lists credentials, reads service packs and signs hashes.
 *
 * @example
 * ```ts
 * const url = smartca.gateway.authorizationUrl({ redirectUri: 'https://portal.example/cb', state });
 * // ... the user comes back with ?code=...&state=...  (the code is valid for 15 s)
 * const session = await smartca.gateway.login({ grant: 'authorization_code', code, redirectUri });
 * ```
 */
export class GatewayResource {
  readonly #ctx: ClientContext;

  constructor(ctx: ClientContext) {
    this.#ctx = ctx;
  }

  /** The URL that starts the authorization-code grant. `state` defaults to a random value; check it on return. */
  authorizationUrl(params: { redirectUri: string; state?: string; scope?: string }): string {
    return this.#ctx.gateway().authorizeUrl({ redirectUri: params.redirectUri, state: params.state ?? randomId(),
      scope: params.scope ?? GATEWAY_SCOPE });
  }

  /** `POST /auth/token` with one of the three grants, returning the user's session. */
  async login(grant: GatewayGrant, options: GatewaySessionOptions = {}): Promise<GatewaySession> {
    const tokens = await this.#ctx.gateway().token(grant, options);
    options.onTokens?.(tokens);
    return new GatewaySession(this.#ctx, tokens, options.onTokens);
  }

  /** Restores a session from persisted tokens, without a network call. */
  session(tokens: GatewayTokens, options: GatewaySessionOptions = {}): GatewaySession {
    return new GatewaySession(this.#ctx, tokens, options.onTokens);
  }
}
