import { ConfigurationError } from '../../errors/configuration-error.js';

/**
 * Checks that every configured origin really is an origin (`scheme://host[:port]`, no path, no
 * trailing slash) and returns them. DocuSign's `frameAncestors` taught that URLs given where origins
 * are expected fail silently later; here they fail at start-up.
 */
export function normalizeOrigins(origins: readonly string[]): string[] {
  return origins.map((origin) => {
    let parsed: URL | undefined;
    try {
      parsed = new URL(origin);
    } catch {
      parsed = undefined;
    }
    if (!parsed || parsed.origin !== origin || parsed.origin === 'null') {
      throw new ConfigurationError({
        code: 'INVALID_ORIGIN',
        message: {
          vi: `"${origin}" không phải là một origin (dạng https://ten-mien[:cong], không có đường dẫn).`,
          en: `"${origin}" is not an origin (https://host[:port], without a path).`,
        },
      });
    }
    return origin;
  });
}

/**
 * CORS headers for a response to `origin`, when the relay allows it. A relay on the portal's own
 * origin never needs them; one on a separate API host does.
 */
export function corsHeaders(origin: string | null, allowed: ReadonlySet<string>): Record<string, string> {
  if (!origin || !allowed.has(origin)) return { vary: 'Origin' };
  return { 'access-control-allow-origin': origin, vary: 'Origin' };
}

/** The answer to a CORS preflight from an allowed origin. */
export function preflightHeaders(origin: string): Record<string, string> {
  return {
    'access-control-allow-origin': origin,
    'access-control-allow-methods': 'POST',
    'access-control-allow-headers': 'authorization, content-type, idempotency-key',
    'access-control-max-age': '600',
    vary: 'Origin',
  };
}
