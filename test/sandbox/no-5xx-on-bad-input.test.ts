import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { SandboxServer } from '@smartca-kit/sandbox/node';
import { SECRET, startSandbox } from '../support/sandbox.js';
import { rawRequest } from './support/raw-http.js';

// Input that once answered 500 (an uncaught URIError or atob failure) or silently did the wrong thing.
// Each is now a typed 4xx that says what to fix.
describe('bad input is a typed 4xx, never a 500', () => {
  let server: SandboxServer;
  before(async () => {
    server = await startSandbox();
  });
  after(() => server.close());

  it("a broken %-escape in a path: 400 PATH_ENCODING_INVALID in the surface's shape", async () => {
    const sp769 = await rawRequest(server.url, '/sca/sp769/v1/signatures/sign/%E0%A4%A/status', {
      headers: { 'content-type': 'application/json' },
      chunks: () => [new TextEncoder().encode('{}')],
    });
    assert.equal(sp769.status, 400);
    assert.deepEqual(JSON.parse(sp769.text), { status_code: 400, message: 'BAD_REQUEST', data: null });
    assert.match(String(sp769.headers['x-smartca-sandbox-detail']), /%E0%A4%A.*broken %-escape.*%25/);
    for (const path of ['/phone/api/transactions/%ZZ', '/_sandbox/certificates/%E0%A4%A/revoke']) {
      const answer = await rawRequest(server.url, path, { method: path.endsWith('revoke') ? 'POST' : 'GET' });
      assert.equal(answer.status, 400, path);
      assert.equal(JSON.parse(answer.text).code, 'PATH_ENCODING_INVALID', path);
    }
  });

  const token = (authorization: string) =>
    fetch(`${server.url}/auth/token`, {
      method: 'POST',
      headers: { authorization, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=client_credentials&scope=commerce',
    });

  it('broken HTTP Basic credentials on /auth/token: 400 invalid_request that says what is wrong', async () => {
    const cases: Array<[string, RegExp]> = [
      ['Basic !!!not-base64!!!', /base64 of client_id:client_secret/],
      [`Basic ${btoa('no-colon-here')}`, /with a colon/],
      [`Basic ${btoa('sandbox-partner:%E0%A4%A')}`, /percent-encoded/],
      [`Basic ${Buffer.from([0xff, 0xfe, 0x3a]).toString('base64')}`, /UTF-8/],
    ];
    for (const [header, why] of cases) {
      const answer = await token(header);
      assert.equal(answer.status, 400, header);
      const body = await answer.json();
      assert.equal(body.error, 'invalid_request', header);
      assert.match(body.error_description, why, header);
    }
    const wrong = await token(`Basic ${btoa('sandbox-partner:wrong')}`);
    assert.equal((await wrong.json()).error, 'invalid_client', 'well-formed but wrong stays invalid_client');
    const right = await token(`Basic ${btoa(`sandbox-partner:${SECRET}`)}`);
    assert.equal(right.status, 200, 'a secret with its colon-separated id still works');
  });

  it('a broken admin webhook body is refused and leaves the URL as it was', async () => {
    const put = (body: string) =>
      fetch(`${server.url}/_sandbox/partners/sandbox-partner/webhook`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body,
      });
    assert.equal((await put('{"url":"http://127.0.0.1:9/hook"}')).status, 200);
    for (const body of ['{"url": "http://127.0.0.1:9/other"', '{}', '{"url": 42}', '[]']) {
      const answer = await put(body);
      assert.equal(answer.status, 400, body);
      assert.ok((await answer.json()).code, body);
      assert.equal(
        server.sandbox.describe().partners.find((p) => p.spId === 'sandbox-partner')!.webhookUrl,
        'http://127.0.0.1:9/hook',
        `${body} changed nothing`,
      );
    }
    assert.equal((await put('{"url":null}')).status, 200, 'clearing is explicit');
    assert.equal(server.sandbox.describe().partners.find((p) => p.spId === 'sandbox-partner')!.webhookUrl, null);
  });
});
