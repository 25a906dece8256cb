import { base64ToBytes } from '@smartca-kit/sdk/core';
import type { Engine } from '../engine/engine.js';
import type { PartnerRecord } from '../state/types.js';

/** The client a token request authenticates as, or what is wrong with its credentials. */
export type ClientAuth = { ok: true; partner: PartnerRecord | undefined } | { ok: false; reason: string };

/**
 * Client credentials from HTTP Basic or the form (RFC 6749 §2.3.1). Basic carries
 * `base64(urlencode(client_id):urlencode(client_secret))`; a header that is not that (bad base64,
 * no colon, a broken %-escape) is a malformed request that says what to fix, never a crash.
 * `partner` is undefined when well-formed credentials match no partner.
 */
export function clientFrom(engine: Engine, request: Request, params: URLSearchParams): ClientAuth {
  const header = request.headers.get('authorization') ?? '';
  if (!/^Basic(?:\s|$)/i.test(header)) {
    return { ok: true, partner: engine.partner(params.get('client_id') ?? '', params.get('client_secret') ?? '') };
  }
  const basic = parseBasic(header.slice(5).trim());
  if (!basic.ok) return basic;
  return { ok: true, partner: engine.partner(basic.id, basic.secret) };
}

function parseBasic(token: string): { ok: true; id: string; secret: string } | { ok: false; reason: string } {
  const bytes = /^[A-Za-z0-9+/]+={0,2}$/.test(token) ? base64ToBytes(token) : undefined;
  if (!bytes) {
    return { ok: false, reason: 'Authorization: Basic must be followed by base64 of client_id:client_secret' };
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { ok: false, reason: 'Authorization: Basic credentials must be UTF-8 text once base64-decoded' };
  }
  const colon = text.indexOf(':');
  if (colon < 0)
    return { ok: false, reason: 'Authorization: Basic credentials must be client_id:client_secret, with a colon' };
  const id = formDecode(text.slice(0, colon));
  const secret = formDecode(text.slice(colon + 1));
  if (id === undefined || secret === undefined) {
    return {
      ok: false,
      reason: 'Authorization: Basic client_id and client_secret must be percent-encoded (a literal % as %25)',
    };
  }
  return { ok: true, id, secret };
}

/**
 * Percent-decoding of one value, or undefined for a broken %-escape. A `+` stays a `+`: many clients
 * send the secret unencoded, and a secret may hold one.
 */
function formDecode(value: string): string | undefined {
  try {
    return decodeURIComponent(value);
  } catch {
    return undefined;
  }
}
