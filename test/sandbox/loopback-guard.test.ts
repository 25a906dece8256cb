import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { SandboxServer } from '@smartca-kit/sandbox/node';
import { clickPay } from '../support/commerce.js';
import { clientFor, randomDigest, startSandbox, USERS } from '../support/sandbox.js';
import { rawRequest } from './support/raw-http.js';

const EVIL = 'http://evil.example';

// The sandbox listens on loopback with an unauthenticated admin API, so any page the developer opens
// can reach it. Threats: a cross-site form posting /_sandbox/reset or approving in the phone, a
// DNS-rebinding page reading /_sandbox/outbox (OTPs), a page framing the phone to overlay its buttons.
describe('the loopback sandbox refuses other sites', () => {
  let server: SandboxServer;
  let port: string;
  before(async () => {
    server = await startSandbox({ allowedHosts: ['sandbox.internal'], allowedOrigins: ['http://portal.internal'] });
    port = new URL(server.url).port;
  });
  after(() => server.close());

  const post = (path: string, headers: Record<string, string>, body = '', method = 'POST') =>
    rawRequest(server.url, path, {
      method,
      headers: { host: `127.0.0.1:${port}`, ...headers },
      chunks: () => [new TextEncoder().encode(body)],
    });

  it("DNS rebinding: a Host that is not the sandbox's own gets 403 HOST_NOT_ALLOWED, on reads too", async () => {
    const outbox = await rawRequest(server.url, '/_sandbox/outbox', {
      method: 'GET',
      headers: { host: `evil.example:${port}` },
    });
    assert.equal(outbox.status, 403);
    assert.equal(JSON.parse(outbox.text).code, 'HOST_NOT_ALLOWED');
    assert.doesNotMatch(outbox.text, /"body"/, 'no outbox content');
    const sp769 = await rawRequest(server.url, '/sca/sp769/v1/signatures/sign', {
      headers: { host: 'evil.example' },
      chunks: () => [new TextEncoder().encode('{}')],
    });
    assert.deepEqual([sp769.status, JSON.parse(sp769.text).message], [403, 'HOST_NOT_ALLOWED']);
    for (const host of [
      `localhost:${port}`,
      `127.0.0.1:${port}`,
      `[::1]:${port}`,
      'sandbox.internal',
      `SANDBOX.internal:${port}`,
    ]) {
      const ok = await rawRequest(server.url, '/_sandbox/outbox', { method: 'GET', headers: { host } });
      assert.equal(ok.status, 200, host);
    }
  });

  it('a cross-site POST /_sandbox/reset is refused and changes nothing', async () => {
    await clientFor(server).signatures.sign({
      userId: USERS.cuong,
      documents: [{ docId: 'keep', digest: randomDigest() }],
    });
    const before = server.sandbox.state.transactions.length;
    const attempts: Array<Record<string, string>> = [
      { origin: EVIL, 'sec-fetch-site': 'cross-site' },
      { origin: EVIL },
      { 'sec-fetch-site': 'cross-site' },
      { origin: 'null' },
      { origin: 'http://127.0.0.1:1', 'sec-fetch-site': 'same-site' },
    ];
    for (const headers of attempts) {
      const answer = await post('/_sandbox/reset', headers);
      assert.equal(answer.status, 403, JSON.stringify(headers));
      assert.equal(JSON.parse(answer.text).code, 'CROSS_SITE_REQUEST_REFUSED');
    }
    assert.equal(server.sandbox.state.transactions.length, before, 'not reset');
  });

  it('a cross-site page cannot approve in the phone; the phone page, from its own origin, can', async () => {
    const tx = await clientFor(server).signatures.sign({
      userId: USERS.an,
      documents: [{ docId: 'p', digest: randomDigest() }],
    });
    const path = `/phone/api/transactions/${server.sandbox.transaction(tx.id)!.tranId}/approve`;
    const refused = await post(path, { origin: EVIL, 'sec-fetch-site': 'cross-site' });
    assert.equal(refused.status, 403);
    assert.equal(server.sandbox.transaction(tx.id)!.status, 'pending');
    const own = await post(path, { origin: `http://127.0.0.1:${port}`, 'sec-fetch-site': 'same-origin' });
    assert.equal(own.status, 200);
    assert.equal(server.sandbox.transaction(tx.id)!.status, 'signed');
  });

  it('the payment page posts to itself with Origin: null (no-referrer) and still works; a cross-site post does not', async () => {
    const order = await clientFor(server).payments.createOrder({
      userId: USERS.an,
      pricingCode: 'LK10',
      paymentMethod: 'vnpt-money',
      returnUrl: 'https://portal.example/paid',
    });
    const path = new URL(order.paymentUrl).pathname;
    const form = { 'content-type': 'application/x-www-form-urlencoded' };
    const refused = await post(path, { ...form, origin: EVIL, 'sec-fetch-site': 'cross-site' }, 'action=approve');
    assert.equal(refused.status, 403);
    const own = await post(path, { ...form, origin: 'null', 'sec-fetch-site': 'same-origin' }, 'action=approve');
    assert.equal(own.status, 303);
    assert.match(String(own.headers.location), /status=paid/);
    assert.equal(
      (await clickPay(order.paymentUrl, 'approve')).searchParams.get('status'),
      'paid',
      'servers without browser headers pass',
    );
  });

  it('an origin the operator allows may change state', async () => {
    const answer = await post(
      '/_sandbox/partners/sandbox-partner/webhook',
      { origin: 'http://portal.internal', 'sec-fetch-site': 'cross-site', 'content-type': 'application/json' },
      '{"url":"http://portal.internal/hook"}',
      'PUT',
    );
    assert.equal(answer.status, 200);
    assert.equal(
      server.sandbox.state.partners.find((p) => p.spId === 'sandbox-partner')!.webhookUrl,
      'http://portal.internal/hook',
    );
    server.sandbox.setWebhookUrl('sandbox-partner', undefined);
  });

  it('the phone may be framed by loopback pages (the demo portal) only; the login page by nobody', async () => {
    const phone = await fetch(`${server.url}/phone`);
    assert.match(
      phone.headers.get('content-security-policy')!,
      /frame-ancestors 'self' http:\/\/localhost:\* http:\/\/127\.0\.0\.1:\*/,
    );
    const login = await fetch(
      `${server.url}/auth/authorize?response_type=code&client_id=sandbox-partner` +
        `&redirect_uri=${encodeURIComponent('http://127.0.0.1:9/cb')}`,
    );
    assert.equal(login.status, 200);
    assert.equal(login.headers.get('content-security-policy'), "frame-ancestors 'none'");
    assert.equal(login.headers.get('x-frame-options'), 'DENY');
    const custom = await startSandbox({ frameAncestors: ["'self'", 'https://docs.example'] });
    try {
      assert.match(
        (await fetch(`${custom.url}/phone`)).headers.get('content-security-policy')!,
        /frame-ancestors 'self' https:\/\/docs\.example$/,
      );
    } finally {
      await custom.close();
    }
  });
});
