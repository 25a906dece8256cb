import type * as z from 'zod/mini';
import { InvalidInputError } from '../../errors/invalid-input-error.js';
import type { SessionClaims, SessionPurpose } from '../protocol/session-claims.js';

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
  /** Serves the request. Throwing an SDK error produces the matching error response. */
  handle(context: RouteContext): Promise<Response>;
}

/** The route whose path matches, with its parameters. */
export function matchRoute(routes: readonly RelayRoute[], path: string):
{ route: RelayRoute; params: Record<string, string> } | undefined {
  const segments = path.split('/');
  for (const route of routes) {
    const pattern = route.path.split('/');
    if (pattern.length !== segments.length) continue;
    const params: Record<string, string> = {};
    const matches = pattern.every((part, i) => {
      const segment = segments[i] ?? '';
      if (!part.startsWith(':')) return part === segment;
      if (!segment) return false;
      params[part.slice(1)] = decodeURIComponent(segment);
      return true;
    });
    if (matches) return { route, params };
  }
  return undefined;
}

/** A JSON response that no cache may keep (it can hold signatures). */
export function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: {
    'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' } });
}

/** The request's JSON body checked against `schema`; an empty body counts as `{}`. */
export async function readBody<T>(request: Request, schema: z.ZodMiniType<T>): Promise<T> {
  const text = await request.text();
  let value: unknown = {};
  try {
    if (text.trim()) value = JSON.parse(text);
  } catch {
    throw badBody('the body is not JSON');
  }
  const result = schema.safeParse(value);
  if (!result.success) throw badBody(result.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; '));
  return result.data;
}

function badBody(detail: string): InvalidInputError {
  return new InvalidInputError({ code: 'BAD_REQUEST', field: 'body', message: {
    vi: `Yêu cầu gửi tới máy chủ ký số không hợp lệ (${detail}).`,
    en: `The request to the signing relay is malformed (${detail}).` } });
}
