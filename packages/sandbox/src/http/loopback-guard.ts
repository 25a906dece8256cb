import type { Refused } from './surface-errors.js';

/**
 * The sandbox listens on loopback and its admin API has no authentication, so any web page the
 * developer opens can reach it: a cross-site form can post `/_sandbox/reset`, and a page whose name
 * was re-pointed at 127.0.0.1 (DNS rebinding) can read `/_sandbox/outbox`, OTPs included. Two rules
 * close that: the `Host` must be one of the sandbox's own names, and a browser may change state
 * through the admin API, the virtual phone or the payment page only from the sandbox's own origin.
 */

/** Names every sandbox answers to: the loopback ones. */
export const LOOPBACK_HOSTS: readonly string[] = ['localhost', '127.0.0.1', '[::1]'];

/**
 * Who may frame the virtual phone by default: the sandbox itself and pages on loopback (the demo
 * portal embeds it from another port). A page on the internet may not: it could overlay the
 * approve button (clickjacking).
 */
export const DEFAULT_FRAME_ANCESTORS: readonly string[] = ["'self'", 'http://localhost:*', 'http://127.0.0.1:*'];

const GUARDED_PATHS = /^\/(?:_sandbox|phone|pay)(?:\/|$)/;
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Refuses a `Host` that is neither loopback nor in `allowed` (names, or `name:port`). `allowed`
 * undefined: no check, for a handler mounted in-process (msw, a browser), where the host is whatever
 * the embedder routes.
 */
export function hostRefusal(url: URL, allowed: readonly string[] | undefined): Refused | undefined {
  if (!allowed) return undefined;
  const names = [...LOOPBACK_HOSTS, ...allowed].map((n) => n.toLowerCase());
  if (names.includes(url.hostname.toLowerCase()) || names.includes(url.host.toLowerCase())) return undefined;
  return {
    status: 403,
    code: 'HOST_NOT_ALLOWED',
    messages: {
      vi: `Sandbox không phục vụ tên máy "${url.host}". Hãy thêm tên này bằng --allow-host (hoặc tuỳ chọn allowedHosts).`,
      en:
        `the sandbox does not answer to the host "${url.host}" (a DNS-rebinding guard); ` +
        'allow the name with --allow-host or the allowedHosts option',
    },
  };
}

/**
 * Refuses a browser's state-changing request to the admin API, the phone or the payment page that
 * does not come from the sandbox's own origin (or one of `allowedOrigins`). Requests without browser
 * headers (the SDK, curl, tests) pass. `Sec-Fetch-Site` decides when present: the payment page's
 * form sends `Origin: null`, as its referrer policy is `no-referrer`.
 */
export function crossSiteRefusal(request: Request, url: URL, allowedOrigins: readonly string[]): Refused | undefined {
  if (SAFE_METHODS.has(request.method) || !GUARDED_PATHS.test(url.pathname)) return undefined;
  const site = request.headers.get('sec-fetch-site');
  const origin = request.headers.get('origin');
  const listed = origin !== null && allowedOrigins.includes(origin);
  if (site !== null) {
    if (site === 'same-origin' || site === 'none' || listed) return undefined;
  } else if (origin === null || listed || sameHost(origin, url)) {
    return undefined;
  }
  return {
    status: 403,
    code: 'CROSS_SITE_REQUEST_REFUSED',
    messages: {
      vi:
        `Trang ${origin ?? 'khác'} không được thay đổi trạng thái sandbox. Hãy dùng trang của chính sandbox, ` +
        'hoặc thêm nguồn này bằng --allow-origin.',
      en:
        `a page of ${origin ?? 'another site'} may not change the sandbox's state; use the sandbox's own pages, ` +
        'or allow that origin with --allow-origin or the allowedOrigins option',
    },
  };
}

/** The CSP `frame-ancestors` directive for `sources` (none given: nobody may frame). */
export function frameAncestors(sources: readonly string[]): string {
  return `frame-ancestors ${sources.length > 0 ? sources.join(' ') : "'none'"}`;
}

function sameHost(origin: string, url: URL): boolean {
  try {
    return new URL(origin).host === url.host;
  } catch {
    return false;
  }
}
