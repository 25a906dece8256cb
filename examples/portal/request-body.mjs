// The portal API's request bodies, read the way the relay reads its own: a byte limit enforced while
// the body streams in (an oversized body is refused at the limit, never buffered whole), a time limit
// for a body that trickles, and a typed 400 for anything that is not a JSON object. A portal that
// copies one thing from this demo should copy this: `JSON.parse(await everything())` on a public
// route lets anyone hold as much of the server's memory as they can upload.

/** An API error the portal answers with: an HTTP status, a stable `code`, and the text in vi and en. */
export class PortalRequestError extends Error {
  /** @param {number} status @param {string} code @param {{ vi: string, en: string }} message */
  constructor(status, code, message) {
    super(message.en);
    this.status = status;
    this.code = code;
    this.messages = message;
  }
}

/** The largest body any /api route reads: a form of seven short fields, or a name and a digest. */
export const API_BODY_LIMIT_BYTES = 16 * 1024;
/** The longest a body may take to arrive. */
export const API_BODY_TIMEOUT_MS = 10_000;

/**
 * The body of `req` as a JSON object. Throws {@link PortalRequestError}: 413 `BODY_TOO_LARGE`, 408
 * `BODY_TIMEOUT`, 400 `BODY_NOT_JSON` or `BODY_NOT_OBJECT` (`null`, an array, a number...). An empty
 * body is `{}`.
 */
export async function readJsonObject(req, { maxBytes = API_BODY_LIMIT_BYTES, timeoutMs = API_BODY_TIMEOUT_MS } = {}) {
  const text = await readText(req, maxBytes, timeoutMs);
  if (text.trim() === '') return {};
  let value;
  try {
    value = JSON.parse(text);
  } catch {
    throw new PortalRequestError(400, 'BODY_NOT_JSON', {
      vi: 'Nội dung gửi lên không phải JSON.',
      en: 'The request body is not JSON.',
    });
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new PortalRequestError(400, 'BODY_NOT_OBJECT', {
      vi: 'Nội dung gửi lên phải là một đối tượng JSON ({ ... }).',
      en: 'The request body must be a JSON object ({ ... }).',
    });
  }
  return value;
}

/** Drains a body the route does not use, within the same limits (a GET may carry one). */
export async function skipBody(req, { maxBytes = API_BODY_LIMIT_BYTES, timeoutMs = API_BODY_TIMEOUT_MS } = {}) {
  if (req.complete) return;
  await readText(req, maxBytes, timeoutMs);
}

function readText(req, maxBytes, timeoutMs) {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) return Promise.reject(tooLarge(maxBytes));
  return new Promise((resolve, reject) => {
    const chunks = [];
    let size = 0;
    const stop = (error) => {
      clearTimeout(timer);
      req.off('data', onData).off('end', onEnd).off('error', onError);
      // Stop reading; server.mjs answers, then closes the connection (closeUnread).
      req.pause();
      reject(error);
    };
    const onData = (chunk) => {
      size += chunk.length;
      if (size > maxBytes) stop(tooLarge(maxBytes));
      else chunks.push(chunk);
    };
    const onEnd = () => {
      clearTimeout(timer);
      const bytes = Buffer.concat(chunks);
      try {
        resolve(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
      } catch {
        reject(
          new PortalRequestError(400, 'BODY_NOT_UTF8', {
            vi: 'Nội dung gửi lên không phải UTF-8.',
            en: 'The request body is not UTF-8.',
          }),
        );
      }
    };
    const onError = () =>
      stop(
        new PortalRequestError(400, 'BODY_UNREADABLE', {
          vi: 'Không đọc được nội dung gửi lên.',
          en: 'The request body could not be read.',
        }),
      );
    const timer = setTimeout(
      () =>
        stop(
          new PortalRequestError(408, 'BODY_TIMEOUT', {
            vi: `Nội dung gửi lên không đến đủ trong ${timeoutMs / 1000} giây.`,
            en: `The request body did not arrive within ${timeoutMs / 1000} s.`,
          }),
        ),
      timeoutMs,
    );
    req.on('data', onData).on('end', onEnd).on('error', onError);
  });
}

/**
 * Closes, a second after the answer, a connection whose request body was left unread. Not at once:
 * closing with unread data makes the kernel send a reset that can destroy the answer before the
 * client reads it (it sees EPIPE instead of the 413). Not after draining the rest either, or one
 * client keeps the server reading gigabytes. (The relay's Node adapter does the same.)
 */
export function closeUnread(req) {
  const { socket } = req;
  req.pause();
  socket.destroySoon = () => {
    if (socket.writable) socket.end();
  };
  setTimeout(() => socket.destroy(), 1000).unref();
}

function tooLarge(maxBytes) {
  return new PortalRequestError(413, 'BODY_TOO_LARGE', {
    vi: `Nội dung gửi lên vượt quá ${maxBytes} byte.`,
    en: `The request body is over ${maxBytes} bytes.`,
  });
}
