import { request } from 'node:http';

/** What a raw request got back. `sent` counts the body bytes written before the answer came. */
export interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  sent: number;
}

/** A request body fetch cannot make: huge and generated, or trickled. */
export type RawBody =
  | { kind: 'text'; text: string | Buffer }
  /** `bytes` of filler sent chunked, generated as it goes (never held whole), stopped by the answer. */
  | { kind: 'generated'; bytes: number; chunk?: number }
  /** `first`, then one byte every `everyMs`, chunked, until the answer comes. */
  | { kind: 'trickle'; first: string; everyMs: number };

/**
 * One HTTP/1.1 request over a fresh connection with whatever headers (a `Host` of `a b`, any method)
 * and body a hostile client would send. Resolves with the answer as soon as it arrives, whether or
 * not the body was sent to its end; the connection is then dropped.
 */
export function rawRequest(
  url: string,
  init: { method?: string; path?: string; headers?: Record<string, string>; body?: RawBody } = {},
): Promise<RawAnswer> {
  const target = new URL(url);
  return new Promise((resolve, reject) => {
    let sent = 0;
    let answered = false;
    let timer: ReturnType<typeof setInterval> | undefined;
    const chunked = init.body !== undefined && init.body.kind !== 'text';
    const req = request(
      {
        host: target.hostname,
        port: target.port,
        method: init.method ?? 'POST',
        path: init.path ?? `${target.pathname}${target.search}`,
        agent: false,
        setHost: !init.headers?.host,
        headers: { ...(chunked ? { 'transfer-encoding': 'chunked' } : {}), ...init.headers },
      },
      (res) => {
        answered = true;
        clearInterval(timer);
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => {
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body, sent });
          req.destroy();
        });
        res.on('error', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body, sent }));
      },
    );
    req.on('error', (error) => {
      if (!answered) reject(error);
    });
    const body = init.body;
    if (!body) {
      req.end();
    } else if (body.kind === 'text') {
      sent = Buffer.byteLength(body.text);
      req.end(body.text);
    } else if (body.kind === 'trickle') {
      req.write(body.first);
      sent = body.first.length;
      timer = setInterval(() => {
        if (answered || req.destroyed) return clearInterval(timer);
        req.write(' ');
        sent += 1;
      }, body.everyMs);
    } else {
      const filler = Buffer.alloc(body.chunk ?? 64 * 1024, 0x20);
      const pump = () => {
        while (!answered && !req.destroyed && sent < body.bytes) {
          sent += filler.length;
          if (!req.write(filler)) return void req.once('drain', pump);
        }
        if (!answered && !req.destroyed) req.end();
      };
      req.write('{"waitSeconds":1,"pad":"');
      pump();
    }
  });
}
