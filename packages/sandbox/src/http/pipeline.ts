import type { SandboxOptions } from '../options.js';
import type { GroupCommit } from '../state/group-commit.js';
import {
  bodyFault,
  DEFAULT_BODY_LIMIT_BYTES,
  DEFAULT_BODY_TIMEOUT_MS,
  discardBody,
  limitBody,
  readLimited,
} from './body-limit.js';
import { crossSiteRefusal, hostRefusal } from './loopback-guard.js';
import { json, sandboxError } from './reply.js';
import type { RouteMatch, Router } from './router.js';
import { badPathSegment, internalError, notFound, surfaceError, unreadableBody } from './surface-errors.js';

/** What one request needs from the sandbox. */
export interface PipelineDeps {
  router: () => Router;
  options: SandboxOptions;
  /** The persistence, when there is a `persist` hook. */
  commit: GroupCommit | undefined;
  /** Reports a change (persisted by the commit). */
  changed: () => void;
  /** Resolves when every change so far is stored. */
  flush: () => Promise<void>;
  /** Renews seeded certificates that no longer fit the clock. */
  renew: () => Promise<void>;
}

/**
 * One request, start to end: the loopback guards (Host, cross-site), the route with its body budget,
 * then, before the answer leaves, the persistence of whatever changed (acknowledged means durable).
 * Never throws: failures become 500s in the surface's shape; bad input is a typed 4xx.
 */
export async function handle(deps: PipelineDeps, request: Request): Promise<Response> {
  const requestId = globalThis.crypto.randomUUID();
  const url = new URL(request.url);
  const path = url.pathname;
  const options = deps.options;
  let response: Response;
  try {
    const refused =
      hostRefusal(url, options.allowedHosts) ?? crossSiteRefusal(request, url, options.allowedOrigins ?? []);
    const match = refused ? undefined : deps.router().match(request.method, path);
    if (refused) {
      response = surfaceError(path, refused);
    } else if (match && 'handler' in match) {
      response = await route(deps, match, request, url);
    } else if (match && 'badSegment' in match) {
      response = surfaceError(path, badPathSegment(match.badSegment));
    } else if (match && match.allowed.length > 0) {
      response = surfaceError(path, {
        status: 405,
        code: 'METHOD_NOT_ALLOWED',
        messages: {
          vi: `Đường dẫn này không nhận phương thức ${request.method}; dùng ${match.allowed.join(', ')}.`,
          en: `${request.method} is not allowed here; use ${match.allowed.join(', ')}`,
        },
      });
      response.headers.set('allow', match.allowed.join(', '));
    } else {
      response = notFound(path);
    }
    // Whatever this answer reflects (its own change, or one it read) is on disk before it leaves.
    await deps.flush();
  } catch (error) {
    response = internalError(path, error);
  }
  discardBody(request);
  const headers = new Headers(response.headers);
  headers.set('x-request-id', requestId);
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}

/**
 * Runs a route with its body budget. With a persist hook, a mutating route reads its body first (a
 * slow body must not hold back everyone's writes), then runs whole between two snapshots.
 */
async function route(
  deps: PipelineDeps,
  match: Extract<RouteMatch, { handler: unknown }>,
  request: Request,
  url: URL,
): Promise<Response> {
  const path = url.pathname;
  const limit = match.maxBodyBytes ?? DEFAULT_BODY_LIMIT_BYTES;
  const timeout = deps.options.bodyTimeoutMs ?? DEFAULT_BODY_TIMEOUT_MS;
  const early = limitBody(request, limit, timeout);
  if (early) return surfaceError(path, early);
  await deps.renew();
  const commit = match.mutates ? deps.commit : undefined;
  let leave = () => {};
  let routed = request;
  if (commit) {
    const read = await readLimited(request);
    if (!read.ok) return surfaceError(path, bodyFault(request) ?? unreadableBody(read.reason));
    routed = new Request(request.url, {
      method: request.method,
      headers: request.headers,
      signal: request.signal,
      body: read.bytes.byteLength > 0 ? (read.bytes as Uint8Array<ArrayBuffer>) : undefined,
    });
    limitBody(routed, limit, timeout);
    leave = await commit.enter();
  }
  try {
    const response = await match.handler({ request: routed, url, params: match.params });
    // A body refused while it streamed: the route saw a broken body, the client is told why.
    const fault = bodyFault(routed);
    return fault ? surfaceError(path, fault) : response;
  } finally {
    if (match.mutates) deps.changed();
    leave();
  }
}
