/**
 * Which keys hold secrets, on any SmartCA surface or ours: matched on the key with case, `_` and `-`
 * ignored, wherever it appears in a JSON body, a form body or a query string, so that logs and errors
 * never carry them. A pattern rather than a list of today's names, because the list was how
 * `activationCode` slipped through: a new secret field is redacted before anyone thinks of it.
 */
const SECRET_WORDS =
  /password|passwd|passphrase|secret|token|otp|privatekey|apikey|accesskey|signingkey|authorization|cookie/;
/** Keys that are secrets whole (`sad`: the TOTP authorisation; `code`: an OAuth2 code or a PIN). */
const SECRET_NAMES = new Set(['sad', 'pin', 'key', 'code', 'activationcode', 'verificationcode', 'otpcode']);
/** Codes that name things rather than prove them, and token metadata: kept, because logs need them. */
const PUBLIC_NAMES = new Set([
  'pricingcode',
  'statuscode',
  'trancode',
  'certstatuscode',
  'wirecode',
  'errorcode',
  'resultcode',
  'provincecode',
  'countrycode',
  'currencycode',
  'tokentype',
  'expiresin',
  'tokenurl',
  'credentialid',
  'keystatus',
]);

/** The placeholder written in place of a secret. */
export const REDACTED = '[REDACTED]';

/** True when `key` names a secret (see `SECRET_WORDS`). */
export function isSecretKey(key: string): boolean {
  const name = key.toLowerCase().replace(/[-_\s]/g, '');
  if (PUBLIC_NAMES.has(name)) return false;
  if (SECRET_NAMES.has(name)) return true;
  return (
    SECRET_WORDS.test(name) || (name.endsWith('code') && /activation|verification|otp|auth|confirm|reset/.test(name))
  );
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
