/**
 * Response builders in the exact shapes SmartCA uses. Every response carries an `x-request-id`; errors
 * also carry `x-smartca-sandbox-detail`, an English hint for developers that does not change the body
 * VNPT would send.
 */

/** A JSON response. Header values are made ASCII (percent-encoding the rest), as HTTP requires. */
export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  const safe = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, asciiHeader(v)]));
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...safe },
  });
}

/** Percent-encodes what a header cannot carry: Vietnamese details would otherwise throw in `Headers`. */
function asciiHeader(value: string): string {
  return value.replace(/[^\x20-\x7e]/gu, (c) => encodeURIComponent(c));
}

/** SP769's `{ status_code, message, data }`; the HTTP status mirrors `status_code` (V1 §3.1). */
export function sp769(statusCode: number, message: string, data: unknown = null, detail?: string): Response {
  return json(
    { status_code: statusCode, message, data },
    statusCode,
    detail ? { 'x-smartca-sandbox-detail': detail } : {},
  );
}

/** The SP769 names for its error statuses, spelled as VNPT spells them (typo included). */
export const SP769_ERRORS = {
  400: 'BAD_REQUEST',
  401: 'SP_CREDENTIAL_INVALID',
  403: 'CREDENTIAL_STATUS_INVALID',
  500: 'SERVAR_INTERNAL_ERROR',
} as const;

/** An SP769 error with VNPT's name for the status. */
export function sp769Error(status: keyof typeof SP769_ERRORS, detail: string): Response {
  return sp769(status, SP769_ERRORS[status], null, detail);
}

/** The gateway's `{ code, codeDesc, message, content }`. Errors are HTTP 400 (V2), auth failures 401. */
export function gateway(
  code: number,
  codeDesc: string,
  message: string,
  content: unknown = null,
  status?: number,
): Response {
  return json(
    { code, codeDesc, message, content },
    status ?? (code === 0 ? 200 : 400),
    code === 0 ? {} : { 'x-smartca-sandbox-detail': message },
  );
}

/** Codes of the sandbox's own APIs (`/_sandbox`, `/phone/api`), by HTTP status. */
const SANDBOX_CODES: Record<number, string> = {
  400: 'INVALID_INPUT',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  409: 'CONFLICT',
  500: 'INTERNAL_ERROR',
};

/**
 * An error of the sandbox's own APIs: `{ error, code }`, the English detail and a stable code, the
 * shape every refusal there takes (surface-errors.ts uses it too).
 */
export function sandboxError(
  status: number,
  error: string,
  code = SANDBOX_CODES[status] ?? `HTTP_${status}`,
  headers: Record<string, string> = {},
): Response {
  return json({ error, code }, status, { 'x-smartca-sandbox-detail': error, ...headers });
}

/** An RFC 6749 token-endpoint error (HTTP 400). */
export function oauthError(error: string, description: string, status = 400): Response {
  return json({ error, error_description: description }, status, { 'x-smartca-sandbox-detail': description });
}

/** An HTML page (the virtual phone, the OAuth2 login form). */
export function html(body: string, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(body, { status, headers: { 'content-type': 'text/html; charset=utf-8', ...headers } });
}

/** Escapes text for HTML. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
