import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { SandboxServer } from '@smartca-kit/sandbox/node';
import { RELAY_REQUEST_CODES } from '@smartca-kit/sdk/relay';
import { rawRequest, type RawAnswer } from '../support/raw-http.js';
import { PORTAL, startRelay, type RelayServer } from '../support/relay.js';
import { clientFor, digestOf, startSandbox, USERS } from '../support/sandbox.js';

// Threat: a request body that is too large, or that never ends. The relay read every body whole
// (Fetch's request.text(), fed by a Node adapter that buffered the upload): one 100 MB chunked POST
// with a valid token took the portal from 112 to 510 MB. Now every route has a byte limit enforced
// while the body streams in, a body timeout, and the adapter holds the upload back instead of
// buffering it. Raw HTTP, because fetch will not send a Host of `a b` or trickle a body.

/** The relay's error body, checked for its shape: `{ error: { category, code, message: { vi, en }, ... } }`. */
function relayError(answer: RawAnswer): { category: string; code: string; message: { vi: string; en: string } } {
  const { error } = JSON.parse(answer.body) as {
    error: { category: string; code: string; message: { vi: string; en: string } };
  };
  assert.ok(error.message.vi && error.message.en, 'a bilingual message');
  return error;
}

describe('relay request bodies: byte limits while streaming, a body timeout, odd requests refused with 4xx', () => {
  let sandbox: SandboxServer;
  let relay: RelayServer;
  let session: string;
  let statusPath: string;
  const auth = () => ({ origin: PORTAL, authorization: `Bearer ${session}`, 'content-type': 'application/json' });

  before(async () => {
    sandbox = await startSandbox();
    relay = await startRelay(clientFor(sandbox), { bodyTimeoutSeconds: 1 });
    session = await relay.relay.createSession({
      userId: USERS.cuong,
      documents: [{ docId: 'BL-1', digest: digestOf('BL-1') }],
    });
    const started = await rawRequest(`${relay.url}/v1/signatures`, {
      headers: auth(),
      body: { kind: 'text', text: '{}' },
    });
    assert.equal(started.status, 201, started.body);
    statusPath = `${new URL(relay.url).pathname}/v1/signatures/${encodeURIComponent(JSON.parse(started.body).transaction.id)}/status`;
  });
  after(async () => {
    await relay.close();
    await sandbox.close();
  });

  it('a 100 MB chunked body with a valid token → 413 BODY_TOO_LARGE, after reading only about the limit', async () => {
    const answer = await rawRequest(relay.url, {
      path: statusPath,
      headers: auth(),
      body: { kind: 'generated', bytes: 100 * 1024 * 1024 },
    });
    assert.equal(answer.status, 413, answer.body);
    const error = relayError(answer);
    assert.equal(error.code, RELAY_REQUEST_CODES.BODY_TOO_LARGE);
    assert.equal(error.category, 'implementation');
    // The relay reads 4 KiB, then throws away at most 4 MiB more before closing; the rest is socket buffers.
    assert.ok(answer.sent < 32 * 1024 * 1024, `the client got to send ${answer.sent} bytes of 100 MB`);
  });

  it('a declared Content-Length over the limit → 413 before a byte is read, even without a token', async () => {
    const answer = await rawRequest(relay.url, {
      path: statusPath,
      headers: { origin: PORTAL, 'content-length': '5000000' },
      body: { kind: 'text', text: '' },
    });
    assert.equal(answer.status, 413);
    assert.equal(relayError(answer).code, RELAY_REQUEST_CODES.BODY_TOO_LARGE);
  });

  it('the start route takes 50 documents (64 KiB), the others 4 KiB', async () => {
    const pad = (bytes: number) => JSON.stringify({ waitSeconds: 0, pad: 'x'.repeat(bytes) });
    assert.equal(
      (await rawRequest(relay.url, { path: statusPath, headers: auth(), body: { kind: 'text', text: pad(3000) } }))
        .status,
      200,
    );
    assert.equal(
      (await rawRequest(relay.url, { path: statusPath, headers: auth(), body: { kind: 'text', text: pad(5000) } }))
        .status,
      413,
    );
    const start = `${new URL(relay.url).pathname}/v1/signatures`;
    const big = JSON.stringify({ pad: 'x'.repeat(70 * 1024) });
    assert.equal(
      (await rawRequest(relay.url, { path: start, headers: auth(), body: { kind: 'text', text: big } })).status,
      413,
    );
  });

  it("a body that trickles in (a byte every 200 ms) → 408 BODY_TIMEOUT after the relay's body timeout", async () => {
    const started = Date.now();
    const answer = await rawRequest(relay.url, {
      path: statusPath,
      headers: auth(),
      body: { kind: 'trickle', first: '{"waitSeconds":', everyMs: 200 },
    });
    assert.equal(answer.status, 408, answer.body);
    const error = relayError(answer);
    assert.equal(error.code, RELAY_REQUEST_CODES.BODY_TIMEOUT);
    assert.equal(error.category, 'network');
    assert.ok(Date.now() - started < 3000, `answered after ${Date.now() - started} ms`);
  });

  it("Host: a b, a TRACE, a broken % escape in the path → 400 in the relay's error shape, never 500", async () => {
    const odd = [
      { headers: { ...auth(), host: 'a b' } },
      { headers: auth(), method: 'TRACE' },
      { headers: auth(), path: `${new URL(relay.url).pathname}/v1/signatures/%E0%A4%A/status` },
    ];
    for (const init of odd) {
      const answer = await rawRequest(relay.url, { path: statusPath, ...init, body: { kind: 'text', text: '{}' } });
      assert.equal(answer.status, 400, `${JSON.stringify(init)}: ${answer.status} ${answer.body}`);
      assert.equal(relayError(answer).code, RELAY_REQUEST_CODES.BAD_REQUEST);
    }
  });

  it('a body that is not UTF-8, or JSON null → 400 BAD_REQUEST', async () => {
    for (const text of [Buffer.from([0x7b, 0xff, 0xfe, 0x7d]), 'null', '[]', '"x"']) {
      const answer = await rawRequest(relay.url, { path: statusPath, headers: auth(), body: { kind: 'text', text } });
      assert.equal(answer.status, 400, String(text));
      assert.equal(relayError(answer).code, RELAY_REQUEST_CODES.BAD_REQUEST);
    }
  });
});
