/**
 * Keys whose values are secrets on some SmartCA surface. Matched case-insensitively wherever they
 * appear in a JSON body, a form body or a query string, so that logs and errors never carry them.
 */
const SECRET_KEYS = new Set([
  'sp_password',
  'client_secret',
  'password',
  'otp',
  'sad',
  'access_token',
  'refresh_token',
  'id_token',
  'code',
  'authorization',
  'totp_secret',
]);

/** The placeholder written in place of a secret. */
export const REDACTED = '[REDACTED]';

/** True when `key` names a secret. */
export function isSecretKey(key: string): boolean {
  return SECRET_KEYS.has(key.toLowerCase());
}

/**
 * A deep copy of `value` with every secret replaced by {@link REDACTED}. `code` is a secret only as an
 * OAuth2 authorization code (a string); SmartCA's numeric result `code` is kept.
 */
export function redact(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redact);
  if (value instanceof URLSearchParams) return redactQuery(value);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) {
      const secret = isSecretKey(key) && !(key === 'code' && typeof inner === 'number');
      out[key] = secret ? REDACTED : redact(inner);
    }
    return out;
  }
  return value;
}

/** A URL with secret query parameters redacted, as text. */
export function redactUrl(url: string): string {
  const parsed = new URL(url);
  if (!parsed.search) return url;
  parsed.search = new URLSearchParams(redactQuery(parsed.searchParams) as Record<string, string>).toString();
  return parsed.toString();
}

function redactQuery(params: URLSearchParams): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of params) out[key] = isSecretKey(key) ? REDACTED : value;
  return out;
}
