import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';

/** What a raw request got back. */
export interface RawAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
  /** Body bytes the client had written when the answer's headers arrived. */
  sentWhenAnswered: number;
}

/** How {@link rawRequest} sends its body. */
export interface RawBody {
  /** Chunks to write; the generator is asked for the next only once the socket drained (no buffering here). */
  chunks?: () => Iterable<Uint8Array> | AsyncIterable<Uint8Array>;
  /** Headers, `host` included (fetch cannot set it). No `content-length`: the body goes chunked. */
  headers?: Record<string, string>;
  method?: string;
}

/**
 * A request over node:http where the test controls what fetch does not let it: the `Host` header, a
 * chunked body streamed from a generator (never held in memory), and stopping the upload as soon as
 * the answer arrives, as a browser does.
 */
export function rawRequest(
  base: string,
  path: string,
  { chunks, headers = {}, method = 'POST' }: RawBody = {},
): Promise<RawAnswer> {
  const url = new URL(path, base);
  return new Promise((resolve, reject) => {
    let sent = 0;
    let answered = false;
    const req = httpRequest(url, { method, headers, agent: false }, (res) => {
      answered = true;
      const sentWhenAnswered = sent;
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => {
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, sentWhenAnswered });
        req.destroy();
      });
      res.on('error', reject);
    });
    // Writing after the server answered and closed fails; only a failure before any answer counts.
    req.on('error', (error) => {
      if (!answered) reject(new Error(`${method} ${path}: ${error.message} after ${sent} bytes`));
    });
    void (async () => {
      try {
        for await (const chunk of chunks?.() ?? []) {
          if (answered || req.destroyed) return;
          sent += chunk.byteLength;
          if (!req.write(chunk)) await new Promise((r) => req.once('drain', r));
          // Let the event loop read what came in: a server that answers early and closes must be
          // heard before the next write meets its reset (as a browser reads while it uploads).
          await new Promise((r) => setImmediate(r));
        }
        if (!answered) req.end();
      } catch (error) {
        if (!answered) reject(error as Error);
      }
    })();
  });
}

/** `total` bytes in chunks of `size`, the same chunk reused: 100 MB cost the test one chunk of memory. */
export function* repeated(total: number, size = 64 * 1024, fill = 0x20): Generator<Uint8Array> {
  const chunk = new Uint8Array(size).fill(fill);
  for (let sent = 0; sent < total; sent += size) yield total - sent >= size ? chunk : chunk.subarray(0, total - sent);
}

/** Writes `head` at once, then one byte every `everyMs`, for `forMs`: a body that trickles in. */
export async function* trickle(head: Uint8Array, everyMs: number, forMs: number): AsyncGenerator<Uint8Array> {
  yield head;
  for (const end = Date.now() + forMs; Date.now() < end;) {
    await new Promise((r) => setTimeout(r, everyMs));
    yield new Uint8Array([0x20]);
  }
}
