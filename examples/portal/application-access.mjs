// Who may read an application back. This is the part of the demo a portal must not copy loosely.
//
// An application's number (HS-20260101-123456) is shown to the citizen, printed in the PDF and
// listed in the SmartCA app, so it is not a secret and must never be what grants access: it was, and
// 2,000 guesses found a planted application, with a fresh signing token and the citizen's PDF.
//
// A real portal ties an application to the citizen's login session and checks, on every request,
// that the application belongs to the logged-in citizen. This demo has no login, so the browser that
// filed the application stands in for the citizen: it receives a per-application access key (256
// random bits) in an HttpOnly, SameSite=Strict cookie scoped to that application's path. Page script
// cannot read it (an XSS cannot carry it away), other sites cannot make the browser send it, and the
// page never handles it. Without it, the application does not exist (404, the same as a wrong number).
//
// The two PDFs are reached by links instead (the review frame, the download button), which must also
// work where a cookie is not sent, e.g. opened by a PDF viewer or a download manager: only a page
// that already proved the cookie gets those links, and each is signed with the application's key,
// names one file and expires (LINK_TTL_MS), like a presigned storage URL. A capability URL alone
// (a long random id in the path, and nothing else) was the other option; it was not taken, because
// such URLs leak through history, logs and shared screenshots and never expire.
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

const COOKIE = 'hs_access';
const LINK_TTL_MS = 60 * 60 * 1000;
const COOKIE_MAX_AGE_S = 24 * 60 * 60;

/** A new access key: 32 random bytes, base64url. */
export function newAccessKey() {
  return randomBytes(32).toString('base64url');
}

/** The `Set-Cookie` value that gives the filing browser, and only it, the application. */
export function accessCookie(docId, key, { secure = false } = {}) {
  return (
    `${COOKIE}=${key}; Path=/api/applications/${docId}; HttpOnly; SameSite=Strict; Max-Age=${COOKIE_MAX_AGE_S}` +
    (secure ? '; Secure' : '')
  );
}

/** Whether the request carries the application's access key (compared in constant time). */
export function holdsAccess(req, application) {
  const expected = digest(application.accessKey);
  return cookieValues(req.headers.cookie ?? '', COOKIE).some((value) => timingSafeEqual(digest(value), expected));
}

/** A link to one of the application's files, signed with its key and valid for an hour. */
export function fileLink(application, file, now = Date.now()) {
  const expires = now + LINK_TTL_MS;
  return `/api/applications/${application.docId}/${file}?expires=${expires}&sig=${linkSignature(application, file, expires)}`;
}

/**
 * Whether `url` is a link {@link fileLink} made for this application and file: `valid`, `expired`
 * (genuine but old: the page reloads to get a new one), or `invalid`.
 */
export function checkFileLink(application, file, url, now = Date.now()) {
  const expires = Number(url.searchParams.get('expires'));
  const given = url.searchParams.get('sig') ?? '';
  if (!Number.isSafeInteger(expires)) return 'invalid';
  if (!timingSafeEqual(digest(given), digest(linkSignature(application, file, expires)))) return 'invalid';
  return expires < now ? 'expired' : 'valid';
}

function linkSignature(application, file, expires) {
  return createHmac('sha256', application.accessKey)
    .update(`${application.docId}\n${file}\n${expires}`)
    .digest('base64url');
}

function digest(text) {
  return createHash('sha256').update(text).digest();
}

function cookieValues(header, name) {
  return header
    .split(';')
    .map((part) => part.trim())
    .filter((part) => part.startsWith(`${name}=`))
    .map((part) => part.slice(name.length + 1));
}
