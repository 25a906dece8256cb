import { gateway, json, oauthError, sandboxError, sp769, sp769Error } from './reply.js';

/** The families of paths, each with its own error shape. */
type Surface = 'sp769' | 'gateway' | 'commerce' | 'oauth' | 'sandbox';

/**
 * Which error shape a path's clients read: SP769's envelope (VNPT's PDF helper uses it too), the
 * gateway's (`/csc`, and the commerce API that copies it), RFC 6749 on `/auth`, and `{ error, code }`
 * on the sandbox's own pages and APIs.
 */
function surfaceOf(path: string): Surface {
  if (path.startsWith('/sca/sp769/') || path.startsWith('/rest/v2/signature/')) return 'sp769';
  if (/^\/(?:vi\/|en\/)?csc\//.test(path)) return 'gateway';
  if (path.startsWith('/commerce/')) return 'commerce';
  if (path.startsWith('/auth/')) return 'oauth';
  return 'sandbox';
}

/** A refusal the handler makes before (or instead of) a route: typed, in both languages. */
export interface Refused {
  status: number;
  /** A stable name, e.g. `REQUEST_BODY_TOO_LARGE`. */
  code: string;
  messages: { vi: string; en: string };
}

/**
 * `refused` in the shape of `path`'s surface: SP769 keeps VNPT's `BAD_REQUEST` for a 400 and names
 * other statuses by `code`; the gateway and commerce envelopes carry `code` as `content.reason`.
 */
export function surfaceError(path: string, refused: Refused): Response {
  const { status, code, messages } = refused;
  switch (surfaceOf(path)) {
    case 'sp769':
      return sp769(status, status === 400 ? 'BAD_REQUEST' : code, null, messages.en);
    case 'gateway':
      return gateway(30000, 'CLIENT_INPUT_INVALID', messages.en, { reason: code, messages }, status);
    case 'commerce':
      return gateway(30000, 'CLIENT_INPUT_INVALID', messages.vi, { reason: code, messages }, status);
    case 'oauth':
      return oauthError('invalid_request', `${code}: ${messages.en}`, status);
    default:
      return sandboxError(status, messages.en, code);
  }
}

/** A path with no route. */
export function notFound(path: string): Response {
  if (path.startsWith('/sca/sp769/')) return sp769Error(400, `unknown SP769 endpoint ${path}`);
  if (/^\/(?:vi\/|en\/)?csc\//.test(path) || path.startsWith('/commerce/')) {
    return gateway(30000, 'CLIENT_INPUT_INVALID', `unknown endpoint ${path}`, null, 404);
  }
  return sandboxError(404, `not found: ${path}`);
}

/** An unexpected failure (a bug, or the state file could not be written): a 500 that never crashes. */
export function internalError(path: string, error: unknown): Response {
  const detail = error instanceof Error ? error.message : String(error);
  if (path.startsWith('/sca/sp769/')) return sp769Error(500, detail);
  if (/^\/(?:vi\/|en\/)?csc\//.test(path) || path.startsWith('/commerce/')) {
    return gateway(50000, 'SERVAR_INTERNAL_ERROR', detail, null, 500);
  }
  return sandboxError(500, `internal error: ${detail}`);
}

/** A path segment whose %-escapes do not decode to UTF-8. */
export function badPathSegment(segment: string): Refused {
  return {
    status: 400,
    code: 'PATH_ENCODING_INVALID',
    messages: {
      vi: `Đoạn đường dẫn "${segment}" có mã %-escape hỏng; hãy mã hoá dấu % thành %25.`,
      en: `the path segment "${segment}" has a broken %-escape; percent-encode it as UTF-8 (write a literal % as %25)`,
    },
  };
}

/** A body that broke off before its end (not a limit or a deadline). */
export function unreadableBody(reason: string): Refused {
  return {
    status: 400,
    code: 'REQUEST_BODY_UNREADABLE',
    messages: {
      vi: 'Không đọc được nội dung yêu cầu (kết nối bị ngắt); hãy gửi lại.',
      en: `${reason}; send it again`,
    },
  };
}
