import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { createSmartCA, RequestTimeoutError, type SmartCAOptions } from '@smartca-kit/sdk';

// The transport's waits against a real loopback HTTP server (not an interceptor), because what is
// tested is how undici's connection, headers and body meet the per-attempt timeout and the caller's
// AbortSignal.
const CERTIFICATES = '/sca/sp769/v1/credentials/get_certificate';

describe("transport waits: per-attempt timeout, a stalled body, the caller's signal between attempts", () => {
  let server: Server;
  let base: string;
  let handler: (req: IncomingMessage, res: ServerResponse) => void = () => undefined;
  let requests = 0;

  before(async () => {
    server = createServer((req, res) => {
      requests += 1;
      req.resume();
      handler(req, res);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  const client = (options: Partial<SmartCAOptions> = {}) =>
    createSmartCA({ environment: base, credentials: { spId: 'sp', spPassword: 'secret' }, maxRetries: 0, ...options });

  it('an answer whose body stalls after the headers → RequestTimeoutError, not a schema error or a hang', async () => {
    requests = 0;
    handler = (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"status_code":200,"message":"SUCCESS","data":'); // and nothing more
    };
    const started = Date.now();
    await assert.rejects(client({ timeout: 300 }).certificates.list({ userId: '001099000001' }), (error: unknown) => {
      assert.ok(error instanceof RequestTimeoutError, String(error));
      assert.equal(error.code, 'REQUEST_TIMEOUT');
      return true;
    });
    assert.ok(Date.now() - started < 5_000, `gave up after ${Date.now() - started} ms`);
    assert.equal(requests, 1);
  });

  it("each attempt has its own timeout: a slow first attempt does not eat the second one's time", async () => {
    requests = 0;
    handler = (_req, res) => {
      const answer = () => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ status_code: 200, message: 'SUCCESS', data: { user_certificates: [] } }));
      };
      // The first attempt is never answered in time; the second is answered after 200 ms.
      if (requests === 1) return;
      setTimeout(answer, 200);
    };
    const certificates = await client({ timeout: 300, maxRetries: 1 }).certificates.list({ userId: '001099000001' });
    assert.deepEqual(certificates, []);
    assert.equal(requests, 2);
  });

  it("the caller's signal stops the wait between attempts at once, with its own reason", async () => {
    requests = 0;
    handler = (_req, res) => {
      res.writeHead(503, { 'content-type': 'application/json', 'retry-after': '30' });
      res.end(JSON.stringify({ status_code: 503, message: 'SERVICE_UNAVAILABLE', data: null }));
    };
    const controller = new AbortController();
    const reason = new Error('the user left the page');
    setTimeout(() => controller.abort(reason), 300);
    const started = Date.now();
    await assert.rejects(
      client({ maxRetries: 3 }).certificates.list({ userId: '001099000001', signal: controller.signal }),
      (error: unknown) => error === reason,
    );
    assert.ok(Date.now() - started < 5_000, `waited ${Date.now() - started} ms of a 30 s Retry-After`);
    assert.equal(requests, 1, 'no second attempt after the abort');
  });
});
