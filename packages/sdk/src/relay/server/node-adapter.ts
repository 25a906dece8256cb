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
export function toExpressMiddleware(handler: FetchHandler):
(req: IncomingMessage & ExpressRequestFields, res: ServerResponse, next: (error?: unknown) => void) => void {
  return (req, res, next) => {
    const parsed = req.body === undefined ? undefined : typeof req.body === 'string' || req.body instanceof Uint8Array
      ? req.body : JSON.stringify(req.body);
    respond(handler, req, res, req.originalUrl ?? req.url ?? '/', parsed).catch(next);
  };
}

async function respond(handler: FetchHandler, req: IncomingMessage, res: ServerResponse, path: string,
  parsedBody: string | Uint8Array | undefined): Promise<void> {
  const aborted = new AbortController();
  res.on('close', () => {
    if (!res.writableFinished) aborted.abort();
  });
  try {
    const headers = new Headers();
    for (const [key, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
    }
    const hasBody = req.method !== 'GET' && req.method !== 'HEAD';
    const request = new Request(`http://${req.headers.host ?? 'localhost'}${path}`, {
      method: req.method, headers, signal: aborted.signal,
      body: hasBody ? (parsedBody ?? streamOf(req)) : undefined,
      ...(hasBody && parsedBody === undefined ? { duplex: 'half' } : {}),
    } as RequestInit);
    const response = await handler(request);
    res.writeHead(response.status, Object.fromEntries(response.headers));
    res.end(new Uint8Array(await response.arrayBuffer()));
  } catch (error) {
    if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ error: 'internal error', detail: error instanceof Error ? error.message : String(error) }));
  }
}

// Hand-rolled rather than `Readable.toWeb` so that this module has no runtime Node import and the
// relay entry stays loadable wherever Fetch exists (workers, the test browser).
function streamOf(req: IncomingMessage): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      req.on('data', (chunk: Uint8Array) => controller.enqueue(new Uint8Array(chunk)));
      req.on('end', () => controller.close());
      req.on('error', (error) => controller.error(error));
    },
  });
}
