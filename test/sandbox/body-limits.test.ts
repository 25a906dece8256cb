import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { SandboxServer } from '@smartca-kit/sandbox/node';
import { SECRET, startSandbox, USERS } from '../support/sandbox.js';
import { rawRequest, repeated, trickle } from './support/raw-http.js';

const MiB = 1024 * 1024;
const JSON_HEADERS = { 'content-type': 'application/json' };

/** A JSON object body of about `size` bytes: valid JSON all the way, padded in one string field. */
function* jsonOf(fields: Record<string, unknown>, size: number): Generator<Uint8Array> {
  const encoder = new TextEncoder();
  yield encoder.encode(`${JSON.stringify(fields).slice(0, -1)},"padding":"`);
  yield* repeated(size, 64 * 1024, 0x61);
  yield encoder.encode('"}');
}

// Bodies are read while they stream in: past the route's limit the sandbox stops with a 413 in the
// surface's own shape, a body that trickles in gets a 408, and neither is held whole in memory.
describe('request bodies are limited while they stream', () => {
  let server: SandboxServer;
  let userToken: string;
  let partnerToken: string;
  before(async () => {
    server = await startSandbox({ bodyTimeoutMs: 400 });
    const token = async (form: Record<string, string>) =>
      (
        await (
          await fetch(`${server.url}/auth/token`, {
            method: 'POST',
            body: new URLSearchParams({ client_id: 'sandbox-partner', client_secret: SECRET, ...form }),
          })
        ).json()
      ).access_token as string;
    userToken = await token({ grant_type: 'password', username: USERS.cuong, password: 'sandbox-password' });
    partnerToken = await token({ grant_type: 'client_credentials', scope: 'commerce' });
  });
  after(() => server.close());

  const send = (path: string, size: number, headers: Record<string, string> = {}, method = 'POST') =>
    rawRequest(server.url, path, { method, headers: { ...JSON_HEADERS, ...headers }, chunks: () => repeated(size) });

  it('SP769: a 100 MB chunked body is refused at 1 MiB with 413 REQUEST_BODY_TOO_LARGE, before it is all sent', async () => {
    const answer = await send('/sca/sp769/v1/signatures/sign', 100 * MiB);
    assert.equal(answer.status, 413);
    assert.deepEqual(JSON.parse(answer.text), { status_code: 413, message: 'REQUEST_BODY_TOO_LARGE', data: null });
    assert.match(String(answer.headers['x-smartca-sandbox-detail']), /larger than 1 MiB/);
    assert.ok(answer.sentWhenAnswered < 32 * MiB, `answered after ${answer.sentWhenAnswered} bytes`);
  });

  it('every surface answers in its own shape, with a typed code', async () => {
    const token = await send('/auth/token', 4 * MiB, { 'content-type': 'application/x-www-form-urlencoded' });
    assert.equal(token.status, 413);
    const oauth = JSON.parse(token.text);
    assert.equal(oauth.error, 'invalid_request');
    assert.match(oauth.error_description, /^REQUEST_BODY_TOO_LARGE: /);

    const csc = await send('/csc/credentials/list', 4 * MiB, { authorization: `Bearer ${userToken}` });
    assert.equal(csc.status, 413);
    assert.deepEqual(pick(JSON.parse(csc.text)), [30000, 'CLIENT_INPUT_INVALID', 'REQUEST_BODY_TOO_LARGE']);

    const commerce = await send('/commerce/v1/orders/create', 4 * MiB, {
      authorization: `Bearer ${partnerToken}`,
      'idempotency-key': crypto.randomUUID(),
    });
    assert.equal(commerce.status, 413);
    const envelope = JSON.parse(commerce.text);
    assert.deepEqual(pick(envelope), [30000, 'CLIENT_INPUT_INVALID', 'REQUEST_BODY_TOO_LARGE']);
    assert.ok(envelope.content.messages.vi && envelope.content.messages.en, 'both languages');

    const admin = await send('/_sandbox/partners/sandbox-partner/webhook', 4 * MiB, {}, 'PUT');
    assert.equal(admin.status, 413);
    assert.equal(JSON.parse(admin.text).code, 'REQUEST_BODY_TOO_LARGE');
    assert.equal(
      server.sandbox.describe().partners.find((p) => p.spId === 'sandbox-partner')!.webhookUrl,
      null,
      'nothing changed',
    );
  });

  it('a declared Content-Length over the limit is refused before anything is read', async () => {
    const answer = await rawRequest(server.url, '/sca/sp769/v1/signatures/sign', {
      headers: { ...JSON_HEADERS, 'content-length': String(2 ** 31) },
      chunks: () => repeated(64 * 1024),
    });
    assert.equal(answer.status, 413);
    assert.equal(JSON.parse(answer.text).message, 'REQUEST_BODY_TOO_LARGE');
  });

  it('a body that trickles in gets 408 REQUEST_BODY_TIMEOUT once the deadline passes', async () => {
    const started = Date.now();
    const answer = await rawRequest(server.url, '/sca/sp769/v1/signatures/sign', {
      headers: JSON_HEADERS,
      chunks: () => trickle(new TextEncoder().encode('{"sp_id":'), 50, 5_000),
    });
    assert.equal(answer.status, 408);
    assert.deepEqual(JSON.parse(answer.text), { status_code: 408, message: 'REQUEST_BODY_TIMEOUT', data: null });
    assert.ok(Date.now() - started < 3_000, 'answered at the deadline, not when the client gave up');
  });

  it('the routes that take more keep their limits: eKYC 8 MiB, whole files and the PDF helper ~140 MiB', async () => {
    const ekyc = await rawRequest(server.url, '/commerce/v1/registrations/ekyc', {
      headers: { ...JSON_HEADERS, authorization: `Bearer ${partnerToken}`, 'idempotency-key': crypto.randomUUID() },
      chunks: () => jsonOf({ registrationId: 'nope' }, 3 * MiB),
    });
    assert.equal(JSON.parse(ekyc.text).codeDesc, 'REGISTRATION_NOT_FOUND', 'read whole, then refused for what it says');
    const order = await rawRequest(server.url, '/commerce/v1/orders/create', {
      headers: { ...JSON_HEADERS, authorization: `Bearer ${partnerToken}`, 'idempotency-key': crypto.randomUUID() },
      chunks: () => jsonOf({ pricingCode: 'LK10' }, 3 * MiB),
    });
    assert.equal(order.status, 413, 'other commerce calls keep 1 MiB');

    const whole = await rawRequest(server.url, '/csc/signature/sign', {
      headers: { ...JSON_HEADERS, authorization: `Bearer ${userToken}` },
      chunks: () => jsonOf({ datas: [] }, 20 * MiB),
    });
    assert.deepEqual([whole.status, JSON.parse(whole.text).code], [400, 30000]);
    const helper = await rawRequest(server.url, '/rest/v2/signature/calculateHash', {
      headers: JSON_HEADERS,
      chunks: () => jsonOf({ sp_id: 'sandbox-partner', sp_password: 'wrong' }, 20 * MiB),
    });
    assert.equal(helper.status, 401, 'read whole, then refused for its credentials');
  });

  it('still serves normally after all of that', async () => {
    const answer = await fetch(`${server.url}/sca/sp769/v1/credentials/get_certificate`, {
      method: 'POST',
      headers: JSON_HEADERS,
      body: JSON.stringify({ sp_id: 'sandbox-partner', sp_password: SECRET, user_id: USERS.an }),
    });
    assert.equal(answer.status, 200);
  });
});

function pick(envelope: { code: number; codeDesc: string; content: { reason?: string } | null }): unknown[] {
  return [envelope.code, envelope.codeDesc, envelope.content?.reason];
}
