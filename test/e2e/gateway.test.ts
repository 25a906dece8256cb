import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import {
  AuthenticationError,
  CertificateStatusError,
  OutOfSigningTurnsError,
  TransactionExpiredError,
  TransactionRejectedError,
  type GatewayTokens,
  type SmartCA,
} from '@smartca-kit/sdk';
import type { SandboxServer } from '@smartca-kit/sandbox/node';
import { clientFor, randomDigest, startSandbox, USERS } from '../support/sandbox.js';

const PASSWORD = 'sandbox-password';

describe('OAuth2 gateway against the sandbox', () => {
  let server: SandboxServer;
  let smartca: SmartCA;

  before(async () => {
    server = await startSandbox({ transactionTtlSeconds: 2, accessTokenTtlSeconds: 2 });
    smartca = clientFor(server);
  });
  after(() => server.close());

  it('password grant → credentials with chain and service packs → signhash → approve → verified', async () => {
    const session = await smartca.gateway.login({ grant: 'password', username: USERS.an, password: PASSWORD });
    const [credentialId, ...rest] = await session.listCredentials();
    assert.equal(rest.length, 0);
    const credential = await session.getCredential(credentialId!);
    assert.equal(credential.certificate.commonName, 'Nguyễn Văn An');
    assert.equal(credential.certificate.chain.length, 2, 'cert.certificates[] is signer → CA → root');
    assert.equal(credential.billing, 'per-turn');
    assert.equal(credential.servicePacks[0]!.totalSignLimit, 5);
    assert.equal(credential.servicePacks[0]!.remainingTurns, 5);

    const tx = await session.signHash({
      credentialId,
      certificate: credential.certificate,
      description: 'Hợp đồng',
      documents: [
        { docId: 'HD-1', digest: randomDigest() },
        { docId: 'HD-2', digest: randomDigest() },
      ],
    });
    assert.equal(tx.surface, 'gateway');
    await server.sandbox.approve(tx.providerId!);
    const result = await tx.wait();
    assert.deepEqual(
      result.signatures.map((s) => s.docId),
      ['HD-1', 'HD-2'],
    );
    const after = await session.getCredential(credentialId!);
    assert.equal(after.servicePacks[0]!.signedTurn, 2);
    assert.equal(after.servicePacks[0]!.remainingTurns, 3);
  });

  it('authorization-code grant: login page → redirect with code and state → tokens', async () => {
    const redirectUri = 'http://127.0.0.1:9/callback';
    const url = smartca.gateway.authorizationUrl({ redirectUri, state: 'xyz' });
    assert.ok(url.startsWith(`${server.url}/auth/authorize?response_type=code&client_id=sandbox-partner`));
    const page = await fetch(url);
    assert.equal(page.status, 200);
    assert.match(await page.text(), /<form method="post"/);
    const form = new URLSearchParams(new URL(url).searchParams);
    form.set('username', USERS.cuong);
    form.set('password', PASSWORD);
    const login = await fetch(`${server.url}/auth/authorize`, { method: 'POST', body: form, redirect: 'manual' });
    assert.equal(login.status, 302);
    const back = new URL(login.headers.get('location')!);
    assert.equal(back.searchParams.get('state'), 'xyz');
    const code = back.searchParams.get('code')!;
    const session = await smartca.gateway.login({ grant: 'authorization_code', code, redirectUri });
    assert.equal((await session.listCredentials()).length, 1);
    // The code is single-use.
    await assert.rejects(
      smartca.gateway.login({ grant: 'authorization_code', code, redirectUri }),
      (e: unknown) => e instanceof AuthenticationError && e.code === 'invalid_grant',
    );
  });

  it('refreshes the access token before it expires and reports new tokens', async () => {
    const seen: GatewayTokens[] = [];
    const session = await smartca.gateway.login(
      { grant: 'password', username: USERS.cuong, password: PASSWORD },
      { onTokens: (t) => seen.push(t) },
    );
    const first = session.tokens.accessToken;
    await new Promise((r) => setTimeout(r, 1700)); // inside the last fifth of a 2 s lifetime
    assert.equal((await session.listCredentials()).length, 1);
    assert.notEqual(session.tokens.accessToken, first);
    assert.equal(seen.length, 2, 'login + one refresh');
    assert.equal(session.tokens.refreshToken, seen[0]!.refreshToken);
  });

  it('a token that died early: one 401, one refresh, the call succeeds', async () => {
    const session = await smartca.gateway.login({ grant: 'password', username: USERS.cuong, password: PASSWORD });
    const stale = smartca.gateway.session({
      ...session.tokens,
      accessToken: 'not-a-token',
      expiresAt: new Date(Date.now() + 3600_000),
    });
    assert.equal((await stale.listCredentials()).length, 1);
  });

  it('wrong passwords count down and lock the account for 5 minutes', async () => {
    for (let left = 4; left >= 1; left--) {
      await assert.rejects(
        smartca.gateway.login({ grant: 'password', username: USERS.em, password: 'wrong' }),
        (e: unknown) => e instanceof AuthenticationError && e.message.includes(`${left} attempts remaining`),
      );
    }
    await assert.rejects(
      smartca.gateway.login({ grant: 'password', username: USERS.em, password: 'wrong' }),
      (e: unknown) => e instanceof AuthenticationError && /locked/.test(e.message),
    );
    await assert.rejects(
      smartca.gateway.login({ grant: 'password', username: USERS.em, password: PASSWORD }),
      (e: unknown) => e instanceof AuthenticationError && /locked/.test(e.message),
      'even the right password while locked',
    );
  });

  it('a bad client secret → invalid_client', async () => {
    const bad = clientFor(server, 'sandbox-partner', {
      gateway: { clientId: 'sandbox-partner', clientSecret: 'nope' },
    });
    await assert.rejects(
      bad.gateway.login({ grant: 'password', username: USERS.an, password: PASSWORD }),
      (e: unknown) => e instanceof AuthenticationError && e.code === 'invalid_client',
    );
  });

  it('tranStatus 4002 and 4001 map onto rejected and expired', async () => {
    const session = await smartca.gateway.login({ grant: 'password', username: USERS.cuong, password: PASSWORD });
    const rejected = await session.signHash({ documents: [{ docId: 'R', digest: randomDigest() }] });
    server.sandbox.reject(rejected.providerId!);
    await assert.rejects(rejected.wait(), (e: unknown) => e instanceof TransactionRejectedError && e.wireCode === 4002);
    const expired = await session.signHash({ documents: [{ docId: 'E', digest: randomDigest() }] });
    await assert.rejects(expired.wait(), (e: unknown) => e instanceof TransactionExpiredError && e.wireCode === 4001);
  });

  it('65000 SERVICE_PACK_EXEED_OR_INVALID → OutOfSigningTurnsError, but a public-service platform is free', async () => {
    const binh = await smartca.gateway.login({ grant: 'password', username: USERS.binh, password: PASSWORD });
    await assert.rejects(
      binh.signHash({ documents: [{ docId: 'T', digest: randomDigest() }] }),
      (e: unknown) => e instanceof OutOfSigningTurnsError && e.wireCode === 65000 && e.status === 400,
    );
    // A public-service platform's session signs for free.
    const portal = clientFor(server, 'sandbox-portal');
    const free = await portal.gateway.login({ grant: 'password', username: USERS.binh, password: PASSWORD });
    const tx = await free.signHash({ documents: [{ docId: 'F', digest: randomDigest() }] });
    await server.sandbox.approve(tx.providerId!);
    assert.equal((await tx.wait()).status, 'signed');
  });

  it('an expired certificate → 60003 CREDENTIAL_STATUS_INVALID → CertificateStatusError', async () => {
    const dung = await smartca.gateway.login({ grant: 'password', username: USERS.dung, password: PASSWORD });
    const [credentialId] = await dung.listCredentials();
    assert.equal((await dung.getCredential(credentialId!)).certificateStatus, 'EXPIRED');
    await assert.rejects(
      dung.signHash({ documents: [{ docId: 'X', digest: randomDigest() }] }),
      (e: unknown) => e instanceof CertificateStatusError && e.wireCode === 60003,
    );
  });

  it('notifyUrl is called once with {tranId, refTranId, status} and wakes the waiter', async () => {
    const calls: unknown[] = [];
    const hook = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        calls.push(JSON.parse(body));
        smartca.webhooks.receiveGatewayNotify(body);
        res.end('ok');
      });
    });
    await new Promise<void>((r) => hook.listen(0, '127.0.0.1', r));
    const notifyUrl = `http://127.0.0.1:${(hook.address() as AddressInfo).port}/notify`;
    try {
      const session = await smartca.gateway.login({ grant: 'password', username: USERS.cuong, password: PASSWORD });
      const tx = await session.signHash({ notifyUrl, documents: [{ docId: 'N', digest: randomDigest() }] });
      setTimeout(() => void server.sandbox.approve(tx.providerId!), 100);
      // Polling alone would take 60 s with this schedule: the notification must wake the wait.
      const result = await tx.wait({ poll: { initialMs: 60_000, maxMs: 60_000 } });
      assert.equal(result.status, 'signed');
      await server.sandbox.idle();
      assert.deepEqual(calls, [{ tranId: tx.providerId, refTranId: tx.id, status: 1 }]);
    } finally {
      hook.close();
    }
  });

  it("the language prefix VNPT's demo app uses works too", async () => {
    const prefixed = clientFor(server, 'sandbox-partner', { paths: { gateway: '/en' } });
    const token = await smartca.gateway.login({ grant: 'password', username: USERS.cuong, password: PASSWORD });
    // /auth lives at the root; only /csc moves under /en, so reuse tokens from the root client.
    const session = prefixed.gateway.session(token.tokens);
    assert.equal((await session.listCredentials()).length, 1);
  });
});
