// A small HTTP reverse proxy on loopback: round-robin over backends (a load balancer in front of relay
// instances), or in front of one server to count and time what reaches it (SmartCA's view), or to
// delay every byte (a slow store). A backend that refuses the connection is skipped, as a load
// balancer's health check would, and the request goes to the next one.
import { createServer, request as httpRequest, type IncomingHttpHeaders, type IncomingMessage, type Server } from 'node:http';
import { connect, createServer as createTcpServer, type Server as TcpServer, type Socket } from 'node:net';
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
        const upstream = httpRequest({ host: target.hostname, port: target.port, method: req.method, path: req.url,
          headers: { ...req.headers, host: target.host } }, (answer: IncomingMessage) => {
          entry.status = answer.statusCode;
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        });
        const entry: ProxiedRequest = { method: req.method ?? '', path: req.url ?? '', backend: index, at: performance.now(),
          headers: req.headers, body: Buffer.concat(body) };
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

/** A TCP proxy that holds every chunk, both ways, for `delayMs` (a slow store or network). */
export interface DelayProxy {
  port: number;
  /** The delay now applied, ms; change it at any time. */
  delayMs: number;
  close(): Promise<void>;
}

/** Starts a TCP proxy to `host:port` that delays every chunk by `delayMs`. */
export async function startDelayProxy(host: string, port: number, delayMs = 0): Promise<DelayProxy> {
  const sockets = new Set<Socket>();
  const proxy: DelayProxy = { port: 0, delayMs, close: async () => undefined };
  const relay = (from: Socket, to: Socket) => from.on('data', (chunk) => {
    setTimeout(() => to.writable && to.write(chunk), proxy.delayMs);
  });
  const server: TcpServer = createTcpServer((client) => {
    const upstream = connect(port, host);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => undefined);
    }
    relay(client, upstream);
    relay(upstream, client);
    client.on('close', () => setTimeout(() => upstream.destroy(), proxy.delayMs));
    upstream.on('close', () => setTimeout(() => client.destroy(), proxy.delayMs));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  proxy.port = (server.address() as AddressInfo).port;
  proxy.close = async () => {
    for (const s of sockets) s.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  return proxy;
}
