import { InvalidInputError } from '../../errors/invalid-input-error.js';
import type { Check } from '../contract/check.js';
import { RELAY_REQUEST_CODES } from '../contract/error-body.js';
import type { SessionClaims, SessionPurpose } from '../contract/session-claims.js';
import { badBody } from './request-body.js';

/** What a route handler receives once the relay has checked the origin and the session token. */
export interface RouteContext {
  /** The incoming request. Its `signal` aborts when the browser goes away. */
  request: Request;
  /** The `:name` segments of the path. */
  params: Readonly<Record<string, string>>;
  /** The authenticated session. */
  claims: SessionClaims;
  /** The relay's id for this request, echoed in `x-request-id` and in error bodies. */
  requestId: string;
  /**
   * The request body as text, already read within the route's {@link RelayRoute.maxBodyBytes} and the
   * relay's body timeout. Read this, not `request`, whose stream is consumed.
   */
  body: string;
}

/**
 * One relay route. Routes are grouped by feature (signatures; balance, catalog and orders for the buy
 * flow) and each names the session purposes that may call it, so a new group plugs in
 * without touching the pipeline in front of it.
 */
export interface RelayRoute {
  /** The path below the relay's base path, with `:name` segments, e.g. `/v1/signatures/:id/status`. */
  path: string;
  /** The session purposes allowed to call it. */
  purposes: readonly SessionPurpose[];
  /** The largest body the route reads, in bytes; a larger one is refused with 413. Default 4 KiB. */
  maxBodyBytes?: number | undefined;
  /** Serves the request. Throwing an SDK error produces the matching error response. */
  handle(context: RouteContext): Promise<Response>;
}

/** The route whose path matches, with its parameters. */
export function matchRoute(
  routes: readonly RelayRoute[],
  path: string,
): { route: RelayRoute; params: Record<string, string> } | undefined {
  const segments = path.split('/');
  for (const route of routes) {
    const pattern = route.path.split('/');
    if (pattern.length !== segments.length) continue;
    const params: Record<string, string> = {};
    const matches = pattern.every((part, i) => {
      const segment = segments[i] ?? '';
      if (!part.startsWith(':')) return part === segment;
      if (!segment) return false;
      params[part.slice(1)] = decodeSegment(segment);
      return true;
    });
    if (matches) return { route, params };
  }
  return undefined;
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new InvalidInputError({
      code: RELAY_REQUEST_CODES.BAD_REQUEST,
      field: 'path',
      message: {
        vi: 'Đường dẫn yêu cầu có mã % không hợp lệ.',
        en: 'The request path has a broken % escape.',
      },
    });
  }
}

/** A JSON response that no cache may keep (it can hold signatures). */
export function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'cache-control': 'no-store',
    },
  });
}

/** The route's JSON body checked against `schema`; an empty body counts as `{}`. */
export function readBody<T>(context: Pick<RouteContext, 'body'>, schema: Check<T>): T {
  let value: unknown = {};
  try {
    if (context.body.trim()) value = JSON.parse(context.body);
  } catch {
    throw badBody('the body is not JSON');
  }
  const result = schema.safeParse(value);
  if (!result.success)
    throw badBody(result.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; '));
  return result.data;
}
