import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { SandboxServer } from '@smartca-kit/sandbox/node';
import { createSessionToken } from '@smartca-kit/sdk/relay';
import { RELAY_ERROR_CODES, RelayRequestError, relayPath, RELAY_ROUTES } from '@smartca-kit/sdk/relay-client';
import { browserClient, PORTAL, post, SESSION_SECRET, startRelay, type RelayServer } from '../support/relay.js';
import { clientFor, digestOf, startSandbox, USERS } from '../support/sandbox.js';

const OTHER_SITE = 'https://evil.example';

async function refused(promise: Promise<unknown>): Promise<RelayRequestError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  assert.ok(error instanceof RelayRequestError, `expected a refusal, got ${String(error)}`);
  assert.equal(error.category, 'session');
  assert.equal(error.recoverable, false);
  return error;
}

describe('relay: what a session token does not allow', () => {
  let sandbox: SandboxServer;
  let relay: RelayServer;

  before(async () => {
    sandbox = await startSandbox();
    relay = await startRelay(clientFor(sandbox), { allowedOrigins: [PORTAL, 'https://kiosk.example.vn'] });
  });
  after(async () => {
    await relay.close();
    await sandbox.close();
  });

  const docs = (text: string) => [{ docId: `HS-${text}`, digest: digestOf(text) }];

  it('a request from an origin the relay does not allow → 403 ORIGIN_NOT_ALLOWED, and SmartCA is never called', async () => {
    const token = await relay.relay.createSession({ userId: USERS.cuong, documents: docs('origin') });
    const before = sandbox.sandbox.state.transactions.length;
    const error = await refused(browserClient(relay, token, OTHER_SITE).startSignature());
    assert.equal(error.code, RELAY_ERROR_CODES.ORIGIN_NOT_ALLOWED);
    assert.equal(error.status, 403);
    assert.equal(sandbox.sandbox.state.transactions.length, before);
  });

  it('a token minted for one allowed origin is refused from another allowed origin', async () => {
    const token = await relay.relay.createSession({
      userId: USERS.cuong,
      documents: docs('kiosk'),
      origins: ['https://kiosk.example.vn'],
    });
    const error = await refused(browserClient(relay, token, PORTAL).startSignature());
    assert.equal(error.code, RELAY_ERROR_CODES.ORIGIN_NOT_ALLOWED);
    const tx = await browserClient(relay, token, 'https://kiosk.example.vn').startSignature();
    assert.equal(tx.status, 'pending');
  });

  it('a request without Origin (not from a browser page) is refused', async () => {
    const token = await relay.relay.createSession({ userId: USERS.cuong, documents: docs('no-origin') });
    const error = await refused(browserClient(relay, token, null).startSignature());
    assert.equal(error.code, RELAY_ERROR_CODES.ORIGIN_NOT_ALLOWED);
  });

  it('an expired token → 401 TOKEN_EXPIRED', async () => {
    const token = await createSessionToken({
      secret: SESSION_SECRET,
      origins: [PORTAL],
      userId: USERS.cuong,
      documents: docs('expired'),
      ttlSeconds: 60,
      now: Date.now() - 61_000,
    });
    const error = await refused(browserClient(relay, token).startSignature());
    assert.equal(error.code, RELAY_ERROR_CODES.TOKEN_EXPIRED);
    assert.equal(error.status, 401);
  });

  it('no token, or a forged one → 401', async () => {
    const none = await post(relay, RELAY_ROUTES.startSignature, {});
    assert.equal(none.status, 401);
    assert.equal((await none.json()).error.code, RELAY_ERROR_CODES.TOKEN_MALFORMED);
    const forged = await createSessionToken({
      secret: 'not-the-relay-secret-0123456789abcdef',
      origins: [PORTAL],
      userId: USERS.cuong,
      documents: docs('forged'),
    });
    const error = await refused(browserClient(relay, forged).startSignature());
    assert.equal(error.code, RELAY_ERROR_CODES.TOKEN_SIGNATURE_INVALID);
  });

  it('the page asks to sign other digests than the token is bound to → 403 DOCUMENT_MISMATCH', async () => {
    const token = await relay.relay.createSession({ userId: USERS.cuong, documents: docs('bound') });
    const client = browserClient(relay, token);
    const error = await refused(
      client.startSignature({
        documents: [{ docId: 'HS-bound', digest: Buffer.from(digestOf('something else')).toString('base64url') }],
      }),
    );
    assert.equal(error.code, RELAY_ERROR_CODES.DOCUMENT_MISMATCH);
    const ok = await client.startSignature({
      documents: [{ docId: 'HS-bound', digest: Buffer.from(digestOf('bound')).toString('base64') }],
    });
    assert.equal(ok.status, 'pending', 'the same digest in standard base64 is accepted');
  });

  it("another user's token cannot read or cancel a transaction → 403 TRANSACTION_NOT_IN_SESSION", async () => {
    const mine = await browserClient(
      relay,
      await relay.relay.createSession({ userId: USERS.cuong, documents: docs('mine') }),
    ).startSignature();
    const theirs = browserClient(relay, await relay.relay.createSession({ userId: USERS.an, documents: docs('mine') }));
    assert.equal(
      (await refused(theirs.signatureStatus(mine.id, { waitSeconds: 0 }))).code,
      RELAY_ERROR_CODES.TRANSACTION_NOT_IN_SESSION,
    );
    assert.equal((await refused(theirs.cancelSignature(mine.id))).code, RELAY_ERROR_CODES.TRANSACTION_NOT_IN_SESSION);
  });

  it('a token for other documents of the same user cannot follow the transaction', async () => {
    const tx = await browserClient(
      relay,
      await relay.relay.createSession({ userId: USERS.cuong, documents: docs('doc-a') }),
    ).startSignature();
    const docB = browserClient(
      relay,
      await relay.relay.createSession({ userId: USERS.cuong, documents: docs('doc-b') }),
    );
    assert.equal(
      (await refused(docB.signatureStatus(tx.id, { waitSeconds: 0 }))).code,
      RELAY_ERROR_CODES.TRANSACTION_NOT_IN_SESSION,
    );
  });

  it('a made-up transaction id is refused before SmartCA is asked', async () => {
    const client = browserClient(
      relay,
      await relay.relay.createSession({ userId: USERS.cuong, documents: docs('made-up') }),
    );
    for (const id of ['x', 'AAAAAAAAAAAAAAAAAAAAAA.abcdefgh', '../../_sandbox']) {
      assert.equal(
        (await refused(client.signatureStatus(id, { waitSeconds: 0 }))).code,
        RELAY_ERROR_CODES.TRANSACTION_NOT_IN_SESSION,
      );
    }
  });

  it('CORS: a preflight from an allowed origin is answered, from another origin refused', async () => {
    const allowed = await post(relay, RELAY_ROUTES.startSignature, { method: 'OPTIONS' });
    assert.equal(allowed.status, 204);
    assert.equal(allowed.headers.get('access-control-allow-origin'), PORTAL);
    assert.match(allowed.headers.get('access-control-allow-headers') ?? '', /authorization/);
    const other = await post(relay, RELAY_ROUTES.startSignature, { method: 'OPTIONS', origin: OTHER_SITE });
    assert.equal(other.status, 403);
    assert.equal(other.headers.get('access-control-allow-origin'), null);
  });

  it('wrong method → 405, unknown route → 404, malformed body → 400 implementation', async () => {
    const token = await relay.relay.createSession({ userId: USERS.cuong, documents: docs('bad-body') });
    assert.equal((await post(relay, RELAY_ROUTES.startSignature, { method: 'GET', session: token })).status, 405);
    assert.equal((await post(relay, '/v1/balance', { session: token })).status, 404);
    const tx = await browserClient(relay, token).startSignature();
    const bad = await post(relay, relayPath(RELAY_ROUTES.signatureStatus, { id: tx.id }), {
      session: token,
      body: '{"waitSeconds":"soon"}',
    });
    assert.equal(bad.status, 400);
    assert.equal((await bad.json()).error.category, 'implementation');
  });
});
