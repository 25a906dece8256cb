import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { rawRequest, type RawAnswer } from '../support/raw-http.js';

// Threat: bodies that break the demo portal's own API (the part outside the relay, which partners
// copy too). It read every body whole and crashed on some: a `null` JSON body was a 500. Now each
// /api route reads within a byte limit (16 KiB) and a time limit, and answers a typed 4xx.

interface PortalHandle {
  url: string;
  close(): Promise<void>;
}
const { startPortal } = (await import(new URL('../../examples/portal/server.mjs', import.meta.url).href)) as {
  startPortal(options: { port: number; sandboxPort: number; bodyTimeoutMs?: number }): Promise<PortalHandle>;
};

/** The portal's error body: `{ error: <Vietnamese text the page shows>, code, message: { vi, en } }`. */
function portalError(answer: RawAnswer): { error: string; code: string; message: { vi: string; en: string } } {
  const body = JSON.parse(answer.body) as { error: string; code: string; message: { vi: string; en: string } };
  assert.equal(typeof body.error, 'string');
  assert.ok(body.message.vi && body.message.en, 'a bilingual message');
  return body;
}

describe('demo portal API: hostile bodies get typed 4xx answers, never a 500 or a buffered upload', () => {
  let portal: PortalHandle;
  const json = { 'content-type': 'application/json' };

  before(async () => {
    portal = await startPortal({ port: 0, sandboxPort: 0, bodyTimeoutMs: 1000 });
  });
  after(() => portal.close());

  it('a null, array or number JSON body → 400 BODY_NOT_OBJECT; broken JSON → 400 BODY_NOT_JSON', async () => {
    for (const path of ['/api/applications', '/api/uploads']) {
      for (const text of ['null', '[]', '42']) {
        const answer = await rawRequest(`${portal.url}${path}`, { headers: json, body: { kind: 'text', text } });
        assert.equal(answer.status, 400, `${path} ${text}: ${answer.body}`);
        assert.equal(portalError(answer).code, 'BODY_NOT_OBJECT');
      }
      const broken = await rawRequest(`${portal.url}${path}`, {
        headers: json,
        body: { kind: 'text', text: '{"userId":' },
      });
      assert.equal(broken.status, 400);
      assert.equal(portalError(broken).code, 'BODY_NOT_JSON');
    }
  });

  it('a 100 MB chunked body → 413 BODY_TOO_LARGE at the limit, on POST and GET routes alike', async () => {
    for (const [method, path] of [
      ['POST', '/api/applications'],
      ['POST', '/api/uploads'],
      ['GET', '/api/config'],
    ] as const) {
      const answer = await rawRequest(`${portal.url}${path}`, {
        method,
        headers: json,
        body: { kind: 'generated', bytes: 100 * 1024 * 1024 },
      });
      assert.equal(answer.status, 413, `${method} ${path}`);
      assert.equal(portalError(answer).code, 'BODY_TOO_LARGE');
      assert.ok(answer.sent < 32 * 1024 * 1024, `${answer.sent} bytes of 100 MB sent`);
    }
  });

  it('a body that trickles → 408 BODY_TIMEOUT after the body timeout', async () => {
    const started = Date.now();
    const answer = await rawRequest(`${portal.url}/api/applications`, {
      headers: json,
      body: { kind: 'trickle', first: '{"userId":', everyMs: 200 },
    });
    assert.equal(answer.status, 408);
    assert.equal(portalError(answer).code, 'BODY_TIMEOUT');
    assert.ok(Date.now() - started < 3000);
  });

  it('the relay mounted at /smartca refuses `Host: a b` with 400, not 500', async () => {
    const answer = await rawRequest(`${portal.url}/smartca/v1/signatures`, {
      headers: { ...json, host: 'a b' },
      body: { kind: 'text', text: '{}' },
    });
    assert.equal(answer.status, 400, answer.body);
  });
});
