// A small HTTP reverse proxy on loopback: round-robin over backends (a load balancer in front of relay
// instances), or in front of one server to count and time what reaches it (SmartCA's view). A backend
// that refuses the connection is skipped, as a load balancer's health check would, and the request goes
// to the next one.
import {
  createServer,
  request as httpRequest,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type Server,
} from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the proxy passed on. */
export interface ProxiedRequest {
  method: string;
  path: string;
  /** Index in the backend list at the time. */
  backend: number;
  /** When it arrived, ms (performance.now()). */
  at: number;
  /** The request as received, to replay it. */
  headers: IncomingHttpHeaders;
  body: Buffer;
  /** The backend's status, once it answered. */
  status?: number;
}

/** A running proxy. */
export interface HttpProxy {
  url: string;
  /** Every request passed on, in arrival order. */
  readonly log: ProxiedRequest[];
  /** Replaces the backends (base URLs such as `http://127.0.0.1:1234`). */
  setBackends(backends: readonly string[]): void;
  close(): Promise<void>;
}

/** Starts a round-robin proxy over `backends`. */
export async function startHttpProxy(backends: readonly string[]): Promise<HttpProxy> {
  let targets = [...backends];
  let next = 0;
  const log: ProxiedRequest[] = [];
  const server: Server = createServer((req, res) => {
    const body: Buffer[] = [];
    req.on('data', (chunk: Buffer) => body.push(chunk));
    req.on('end', () => {
      const attempt = (tries: number) => {
        if (tries >= targets.length) {
          res.writeHead(502).end('no backend');
          return;
        }
        const index = next++ % targets.length;
        const target = new URL(targets[index] ?? '');
        // A fresh connection per request (agent: false): a pooled keep-alive socket to an instance that
        // was just killed fails with a reset, which looks like a break mid-answer; a new one is refused,
        // and the request goes to the next instance, as behind a real load balancer.
        const upstream = httpRequest(
          {
            host: target.hostname,
            port: target.port,
            method: req.method,
            path: req.url,
            headers: { ...req.headers, host: target.host },
            agent: false,
          },
          (answer: IncomingMessage) => {
            entry.status = answer.statusCode;
            res.writeHead(answer.statusCode ?? 502, answer.headers);
            answer.pipe(res);
          },
        );
        const entry: ProxiedRequest = {
          method: req.method ?? '',
          path: req.url ?? '',
          backend: index,
          at: performance.now(),
          headers: req.headers,
          body: Buffer.concat(body),
        };
        upstream.on('error', (error: NodeJS.ErrnoException) => {
          // Refused: the instance is down, try the next. Reset mid-answer: the client sees the break.
          if (error.code === 'ECONNREFUSED' && !res.headersSent) {
            log.splice(log.indexOf(entry), 1);
            attempt(tries + 1);
          } else res.destroy();
        });
        log.push(entry);
        upstream.end(Buffer.concat(body));
      };
      attempt(0);
    });
  });
  // Idle client connections stay open longer than a client keeps them (undici: 4 s), as load balancers
  // are set up: with Node's 5 s default, a connection the client reuses at that moment is closed under
  // it ("other side closed"), a race the long tests here hit under faketime's slower clock.
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    log,
    setBackends: (list) => {
      targets = [...list];
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
