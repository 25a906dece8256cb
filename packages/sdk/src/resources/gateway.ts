import type { ClientContext } from './client-context.js';
import { randomId } from '../internal/ids.js';
import type { RequestOptions } from '../model/transaction.js';
import { GATEWAY_SCOPE } from '../protocol/gateway/map.js';
import { GatewaySession } from './gateway-session.js';
import { type GatewayTokens } from '../model/gateway.js';
import type { GatewayGrant } from '../model/gateway.js';

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
    return this.#ctx.gateway().authorizeUrl({
      redirectUri: params.redirectUri,
      state: params.state ?? randomId(),
      scope: params.scope ?? GATEWAY_SCOPE,
    });
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
