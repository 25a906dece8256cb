import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { ConnectionError, createSmartCA, ResponseSchemaError, type SmartCAOptions } from '@smartca-kit/sdk';

// A response whose body is cut mid-stream (the connection dropped after the headers and half the
// JSON) is a network failure: retried like one, and reported as ConnectionError when the retries run
// out. It used to be reported as schema drift (ResponseSchemaError), which says "VNPT changed its
// API" and is never retried. A real loopback server, because what is tested is how undici reports a
// socket destroyed mid-body.
const CERTIFICATES = '/sca/sp769/v1/credentials/get_certificate';
const FULL = JSON.stringify({ status_code: 200, message: 'SUCCESS', data: { user_certificates: [] } });

describe('a response body cut mid-stream', () => {
  let server: Server;
  let base: string;
  let handler: (req: IncomingMessage, res: ServerResponse, attempt: number) => void = () => undefined;
  let requests = 0;

  before(async () => {
    server = createServer((req, res) => {
      requests += 1;
      req.resume();
      handler(req, res, requests);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  const client = (options: Partial<SmartCAOptions> = {}) =>
    createSmartCA({ environment: base, credentials: { spId: 'sp', spPassword: 'secret' }, timeout: 2000, ...options });

  /** Sends the headers and half the body (declared in full by Content-Length or chunked), then destroys the socket. */
  const cut = (res: ServerResponse, chunked: boolean) => {
    res.writeHead(200, {
      'content-type': 'application/json',
      ...(chunked ? {} : { 'content-length': String(FULL.length) }),
    });
    res.write(FULL.slice(0, FULL.length / 2), () => setTimeout(() => res.socket?.destroy(), 20));
  };

  for (const chunked of [false, true]) {
    const framing = chunked ? 'chunked' : 'Content-Length';
    it(`(${framing}) is retried, and the retry's whole answer is used`, async () => {
      requests = 0;
      handler = (_req, res, attempt) => {
        if (attempt === 1) return cut(res, chunked);
        res.writeHead(200, { 'content-type': 'application/json' }).end(FULL);
      };
      assert.deepEqual(await client({ maxRetries: 2 }).certificates.list({ userId: '001099000001' }), []);
      assert.equal(requests, 2, 'one cut answer, one retry');
    });

    it(`(${framing}) every time → ConnectionError after the retries, never ResponseSchemaError`, async () => {
      requests = 0;
      handler = (_req, res) => cut(res, chunked);
      await assert.rejects(
        client({ maxRetries: 1 }).certificates.list({ userId: '001099000001' }),
        (error: unknown) => {
          assert.ok(!(error instanceof ResponseSchemaError), `reported as schema drift: ${String(error)}`);
          assert.ok(error instanceof ConnectionError, String(error));
          assert.equal(error.code, 'CONNECTION_ERROR');
          return true;
        },
      );
      assert.equal(requests, 2);
    });
  }

  it('a whole answer that is not JSON is still schema drift (a proxy page), and is not retried', async () => {
    requests = 0;
    handler = (_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<html>maintenance</html>');
    await assert.rejects(
      client({ maxRetries: 2 }).certificates.list({ userId: '001099000001' }),
      (error: unknown) => error instanceof ResponseSchemaError,
    );
    assert.equal(requests, 1);
  });
});
