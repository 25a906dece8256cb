import type { IncomingMessage, ServerResponse } from 'node:http';

/** A Fetch handler: the relay's `fetch`, the sandbox's, or any other. */
export type FetchHandler = (request: Request) => Promise<Response>;

/** What Express adds to Node's request that the adapter reads. Typed structurally so Express stays optional. */
export interface ExpressRequestFields {
  /** The URL before Express stripped the mount path. */
  originalUrl?: string;
  /** Set when a body parser already consumed the stream. */
  body?: unknown;
}

/**
 * Adapts a Fetch handler to Node's `http` request listener. The request's `signal` aborts when the
 * client disconnects, so a held long poll stops polling SmartCA for a browser that has gone.
 *
 * @example
 * ```ts
 * import { createServer } from 'node:http';
 * createServer(toNodeListener(relay.fetch)).listen(8080);
 * ```
 */
export function toNodeListener(handler: FetchHandler): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    void respond(handler, req, res, req.url ?? '/', undefined);
  };
}

/**
 * Adapts a Fetch handler to Express (4 or 5) middleware. Mount it under the relay's `basePath`; a
 * body parser in front of it is fine (the parsed body is re-serialised).
 *
 * @example
 * ```ts
 * app.use('/smartca', toExpressMiddleware(relay.fetch));
 * ```
 */
export function toExpressMiddleware(
  handler: FetchHandler,
): (req: IncomingMessage & ExpressRequestFields, res: ServerResponse, next: (error?: unknown) => void) => void {
  return (req, res, next) => {
    const parsed =
      req.body === undefined
        ? undefined
        : typeof req.body === 'string' || req.body instanceof Uint8Array
          ? req.body
          : JSON.stringify(req.body);
    respond(handler, req, res, req.originalUrl ?? req.url ?? '/', parsed).catch(next);
  };
}

// Host as RFC 9110 allows it here: a name or IPv4 address, or a bracketed IPv6 address, and a port.
const HOST = /^(?:[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;
// After answering a request whose body is still arriving (a 401, or a 413 at the byte limit), the
// connection is half-closed and left unread this long, then closed. Node would close it as soon as the
// answer is flushed; with unread data that makes the kernel send a reset, which can destroy the answer
// before the client reads it (the client sees EPIPE instead of the 413). Draining the rest instead, as
// Node does when nothing reads the body, lets one client keep the server reading gigabytes. Unread,
// the upload is held back by TCP and costs neither memory nor CPU.
const LINGER_MS = 1000;

async function respond(
  handler: FetchHandler,
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  parsedBody: string | Uint8Array | undefined,
): Promise<void> {
  const aborted = new AbortController();
  res.on('close', () => {
    if (!res.writableFinished) aborted.abort();
  });
  const hasBody = req.method !== 'GET' && req.method !== 'HEAD';
  const upload = hasBody && parsedBody === undefined ? streamOf(req) : undefined;
  let request: Request;
  try {
    request = toRequest(req, path, hasBody ? (parsedBody ?? upload?.stream) : undefined, aborted.signal);
  } catch {
    // An odd Host (`a b`), a path that is not one, a method Fetch forbids (TRACE): the client's fault.
    upload?.stop();
    send(
      req,
      res,
      400,
      errorBody('BAD_REQUEST', {
        vi: 'Yêu cầu HTTP không hợp lệ (Host, đường dẫn hoặc phương thức).',
        en: 'The HTTP request is malformed (its Host, path or method).',
      }),
    );
    return;
  }
  let status: number;
  let headers: Record<string, string | string[]>;
  let body: Uint8Array;
  try {
    const response = await handler(request);
    status = response.status;
    headers = Object.fromEntries(response.headers);
    // Headers joins repeated Set-Cookie with commas, which a browser cannot split: send each one.
    const cookies = response.headers.getSetCookie();
    if (cookies.length > 0) headers['set-cookie'] = cookies;
    body = new Uint8Array(await response.arrayBuffer());
  } catch {
    // The handler should never throw (the relay does not); say nothing of what broke.
    status = 500;
    headers = {};
    body = errorBody('INTERNAL_ERROR', { vi: 'Máy chủ gặp lỗi nội bộ.', en: 'The server hit an internal error.' });
  }
  upload?.stop();
  send(req, res, status, body, headers);
}

function toRequest(
  req: IncomingMessage,
  path: string,
  body: string | Uint8Array | ReadableStream<Uint8Array> | undefined,
  signal: AbortSignal,
): Request {
  const host = req.headers.host ?? 'localhost';
  if (!HOST.test(host) || !path.startsWith('/')) throw new TypeError('not an HTTP request a Fetch handler can take');
  const headers = new Headers();
  for (const [key, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
  }
  return new Request(`http://${host}${path}`, {
    method: req.method,
    headers,
    signal,
    body,
    ...(body instanceof ReadableStream ? { duplex: 'half' } : {}),
  } as RequestInit);
}

/** Writes the answer; when a body is still arriving, the connection closes a moment later, unread. */
function send(
  req: IncomingMessage,
  res: ServerResponse,
  status: number,
  body: Uint8Array,
  headers: Record<string, string | string[]> = { 'content-type': 'application/json; charset=utf-8' },
): void {
  if (res.headersSent || res.destroyed) return;
  // A connection whose request body is still arriving will be closed: say so, or a keep-alive client
  // reuses the socket and its next request meets the reset.
  const closing = !req.complete;
  res.writeHead(status, closing ? { ...headers, connection: 'close' } : headers);
  res.end(body);
  if (closing) linger(req);
}

function linger(req: IncomingMessage): void {
  const { socket } = req;
  req.pause();
  // What Node calls once the answer is flushed: send FIN, but keep the socket until the timer.
  socket.destroySoon = () => {
    if (socket.writable) socket.end();
  };
  setTimeout(() => socket.destroy(), LINGER_MS).unref();
}

function errorBody(code: string, message: { vi: string; en: string }): Uint8Array {
  return new TextEncoder().encode(
    JSON.stringify({ error: { category: 'implementation', code, message, recoverable: false } }),
  );
}

/**
 * The request body as a web stream, read as the handler reads it: Node's stream is paused whenever the
 * web stream's queue is full and resumed when the handler pulls, so a large upload is held back by TCP
 * rather than buffered here. `stop()` (the handler answered) detaches it. Hand-rolled rather than
 * `Readable.toWeb` so that this module has no runtime Node import and the relay entry stays loadable
 * wherever Fetch exists (workers, the test browser).
 */
function streamOf(req: IncomingMessage): { stream: ReadableStream<Uint8Array>; stop(): void } {
  let stopped = false;
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      req.on('data', (chunk: Uint8Array) => {
        if (stopped) return;
        controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
        if ((controller.desiredSize ?? 0) <= 0) req.pause();
      });
      req.on('end', () => {
        if (!stopped) controller.close();
      });
      req.on('error', (error) => {
        if (!stopped) controller.error(error);
      });
    },
    pull() {
      if (!stopped) req.resume();
    },
    cancel() {
      stopped = true;
      req.pause();
    },
  });
  return {
    stream,
    stop: () => {
      stopped = true;
    },
  };
}
