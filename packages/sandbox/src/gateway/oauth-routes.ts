import { COMMERCE_SCOPE } from '@smartca-kit/sdk';
import { readForm } from '../http/body.js';
import { html, oauthError } from '../http/reply.js';
import type { Router } from '../http/router.js';
import type { Engine } from '../engine/engine.js';
import { checkPassword } from '../engine/user-auth.js';
import type { PartnerRecord } from '../state/types.js';
import { clientFrom } from './client-auth.js';
import { loginPage } from './login-page.js';
import type { TokenStore } from './tokens.js';

/**
 * The login page asks for the user's password and grants a partner access: no page may frame it
 * (RFC 6749 §10.13, clickjacking). `X-Frame-Options` for browsers that predate `frame-ancestors`.
 */
const LOGIN_HEADERS = { 'content-security-policy': "frame-ancestors 'none'", 'x-frame-options': 'DENY' };

/** OAuth2 on VNPT's paths (V2 §3): `/auth/authorize` (code grant, with a login page) and `/auth/token`. */
export function registerOAuthRoutes(router: Router, engine: Engine, tokens: TokenStore): void {
  const authorize = async (params: URLSearchParams): Promise<Response> => {
    const partner = engine.partner(params.get('client_id') ?? '');
    const redirectUri = params.get('redirect_uri') ?? '';
    // Never redirect to a URI that is not registered: show the error instead (RFC 6749 §4.1.2.1).
    if (!partner || !redirectAllowed(partner, redirectUri)) {
      return html('<!doctype html><p>invalid_request: unknown client_id or unregistered redirect_uri</p>', 400);
    }
    if (params.get('response_type') !== 'code')
      return redirect(redirectUri, { error: 'unsupported_response_type' }, params);
    if (!params.has('username')) return html(loginPage(params), 200, LOGIN_HEADERS);
    const user = engine.user(params.get('username'));
    const check = user ? checkPassword(user, params.get('password') ?? '', engine.now()) : undefined;
    if (!user || !check?.ok) {
      const message =
        check && !check.ok && check.locked
          ? 'Tài khoản bị khóa 5 phút do nhập sai quá nhiều lần.'
          : 'Sai tài khoản hoặc mật khẩu.';
      return html(loginPage(params, message), 401, LOGIN_HEADERS);
    }
    const code = tokens.issueCode(partner, user, redirectUri, params.get('scope') ?? '');
    return redirect(redirectUri, { code }, params);
  };

  router.on('GET', '/auth/authorize', ({ url }) => authorize(url.searchParams));
  router.on('POST', '/auth/authorize', async ({ request }) => {
    const form = await readForm(request);
    return form.ok ? authorize(form.value) : html(`<p>invalid_request: ${form.reason}</p>`, 400);
  });

  router.on('POST', '/auth/token', async ({ request }) => {
    const form = await readForm(request);
    if (!form.ok) return oauthError('invalid_request', form.reason);
    const params = form.value;
    const client = clientFrom(engine, request, params);
    if (!client.ok) return oauthError('invalid_request', client.reason);
    const partner = client.partner;
    if (!partner) return oauthError('invalid_client', 'client_id/client_secret are not valid');
    switch (params.get('grant_type')) {
      case 'authorization_code': {
        const code = tokens.take('code', params.get('code') ?? undefined, partner.spId);
        if (!code || code.redirectUri !== params.get('redirect_uri')) {
          return oauthError('invalid_grant', 'the code is invalid, used, expired (15 s) or for another redirect_uri');
        }
        return issue(code.userId);
      }
      case 'refresh_token': {
        const refresh = tokens.take('refresh', params.get('refresh_token') ?? undefined, partner.spId);
        if (!refresh) return oauthError('invalid_grant', 'the refresh token is invalid or expired');
        return issue(refresh.userId, refresh.value);
      }
      case 'password': {
        if (!partner.passwordGrant)
          return oauthError('unauthorized_client', 'the password grant is not enabled for this client');
        const user = engine.user(params.get('username'));
        if (!user) return oauthError('invalid_grant', 'Invalid username or password');
        const check = checkPassword(user, params.get('password') ?? '', engine.now());
        if (!check.ok) {
          return oauthError(
            'invalid_grant',
            check.locked
              ? 'Account is locked for 5 minutes after too many failed attempts'
              : `Invalid username or password. ${check.attemptsLeft} attempts remaining`,
          );
        }
        return issue(user.userId);
      }
      case 'client_credentials': {
        // smartca-kit's extension: a partner token for the commerce API, not for signing.
        if ((params.get('scope') ?? COMMERCE_SCOPE) !== COMMERCE_SCOPE) {
          return oauthError('invalid_scope', `the client_credentials grant gives only the "${COMMERCE_SCOPE}" scope`);
        }
        return tokenResponse(await tokens.issueClientToken(partner));
      }
      default:
        return oauthError(
          'unsupported_grant_type',
          'grant_type must be authorization_code, refresh_token, password or client_credentials',
        );
    }

    async function issue(userId: string, keepRefresh?: string): Promise<Response> {
      const user = engine.user(userId);
      if (!user || !partner) return oauthError('invalid_grant', 'the user no longer exists');
      return tokenResponse(await tokens.issueTokens(partner, user, keepRefresh));
    }
  });
}

function tokenResponse(body: Record<string, unknown>): Response {
  return new Response(JSON.stringify(body), {
    status: 200,
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'cache-control': 'no-store',
    },
  });
}

function redirectAllowed(partner: PartnerRecord, uri: string): boolean {
  if (partner.redirectUris.includes(uri)) return true;
  if (!partner.redirectUris.includes('loopback')) return false;
  try {
    const url = new URL(uri);
    return url.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
  } catch {
    return false;
  }
}

function redirect(uri: string, values: Record<string, string>, params: URLSearchParams): Response {
  const target = new URL(uri);
  for (const [key, value] of Object.entries(values)) target.searchParams.set(key, value);
  const state = params.get('state');
  if (state) target.searchParams.set('state', state);
  return new Response(null, { status: 302, headers: { location: target.toString() } });
}
