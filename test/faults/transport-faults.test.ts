import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import { before, describe, it } from 'node:test';
import { HttpResponse, delay } from 'msw';
import {
  ApiError,
  AuthenticationError,
  createSmartCA,
  RequestTimeoutError,
  ResponseSchemaError,
  type SmartCA,
  type SmartCALogEntry,
  type SmartCAOptions,
} from '@smartca-kit/sdk';
import type { Sandbox } from '@smartca-kit/sandbox';
import { FAULT_BASE, faultHarness } from '../support/fault-harness.js';
import { randomDigest, SECRET, USERS } from '../support/sandbox.js';

const BASE = FAULT_BASE;

describe('transport under faults (msw in front of the in-process sandbox)', () => {
  const harness = faultHarness();
  const { attempts, failFirst, passthrough } = harness;
  let sandbox: Sandbox;
  before(() => {
    sandbox = harness.sandbox;
  });
  const client = (options: Partial<SmartCAOptions> = {}): SmartCA => harness.client(options);

  it('a 5xx is retried with backoff, then succeeds', async () => {
    failFirst('/sca/sp769/v1/credentials/get_certificate', 2, () =>
      HttpResponse.json({ status_code: 500, message: 'SERVAR_INTERNAL_ERROR', data: null }, { status: 500 }),
    );
    const certs = await client().certificates.list({ userId: USERS.an });
    assert.equal(certs.length, 1);
    assert.equal(attempts.get('/sca/sp769/v1/credentials/get_certificate'), 3);
  });

  it('a 429 waits as long as Retry-After says', async () => {
    failFirst(
      '/sca/sp769/v1/credentials/get_certificate',
      1,
      () => new HttpResponse(null, { status: 429, headers: { 'retry-after': '1' } }),
    );
    const started = Date.now();
    await client().certificates.list({ userId: USERS.an });
    assert.ok(Date.now() - started >= 950, `waited ${Date.now() - started} ms`);
    assert.equal(attempts.get('/sca/sp769/v1/credentials/get_certificate'), 2);
  });

  it('a connection dropped after SmartCA accepted the sign: the retry reuses transaction_id, one transaction', async () => {
    passthrough();
    const smartca = client();
    const certificate = (await smartca.certificates.list({ userId: USERS.cuong }))[0]!;
    failFirst('/sca/sp769/v1/signatures/sign', 1, async (request) => {
      await sandbox.fetch(request); // SmartCA got it and created the transaction...
      return HttpResponse.error(); // ...but the answer never arrived.
    });
    const tx = await smartca.signatures.sign({
      userId: USERS.cuong,
      certificate,
      transactionId: 'dropped-1',
      documents: [{ docId: 'D', digest: randomDigest() }],
    });
    assert.equal(attempts.get('/sca/sp769/v1/signatures/sign'), 2);
    const created = sandbox.state.transactions.filter((t) => t.transactionId === 'dropped-1');
    assert.equal(created.length, 1, 'no duplicate transaction');
    assert.equal(tx.providerId, created[0]!.tranId);
  });

  it('malformed JSON → ResponseSchemaError, not a crash or a guess', async () => {
    failFirst(
      '/sca/sp769/v1/credentials/get_certificate',
      1,
      () =>
        new HttpResponse('{"status_code":200,"mess', { status: 200, headers: { 'content-type': 'application/json' } }),
    );
    await assert.rejects(
      client().certificates.list({ userId: USERS.an }),
      (e: unknown) =>
        e instanceof ResponseSchemaError && e.operation === 'sp769.get_certificate' && e.issues.length === 0,
    );
  });

  it('a changed schema → ResponseSchemaError listing the drifted fields', async () => {
    failFirst('/sca/sp769/v1/credentials/get_certificate', 1, () =>
      HttpResponse.json({
        status_code: 200,
        message: 'SUCCESS',
        data: { user_certificates: [{ service_type: 'SMARTCA', certificate: 'renamed' }] },
      }),
    );
    await assert.rejects(client().certificates.list({ userId: USERS.an }), (e: unknown) => {
      assert.ok(e instanceof ResponseSchemaError);
      assert.deepEqual(
        e.issues.map((i) => i.path),
        [['data', 'user_certificates', 0, 'cert_data']],
      );
      assert.ok(e.requestId);
      return true;
    });
  });

  for (const status of [400, 401, 403, 404, 422]) {
    it(`a ${status} is never retried`, async () => {
      failFirst('/sca/sp769/v1/credentials/get_certificate', 5, () =>
        HttpResponse.json({ status_code: status, message: 'X' }, { status }),
      );
      await assert.rejects(client().certificates.list({ userId: USERS.an }));
      assert.equal(attempts.get('/sca/sp769/v1/credentials/get_certificate'), 1);
    });
  }

  it('a hung server → RequestTimeoutError after the allowed retries', async () => {
    failFirst('/sca/sp769/v1/credentials/get_certificate', 5, async () => {
      await delay(1000);
      return HttpResponse.json({});
    });
    await assert.rejects(
      client({ timeout: 100, maxRetries: 1 }).certificates.list({ userId: USERS.an }),
      RequestTimeoutError,
    );
    assert.equal(attempts.get('/sca/sp769/v1/credentials/get_certificate'), 2);
  });

  it('gateway signhash is not retried after an ambiguous 500, but is after 503 + Retry-After', async () => {
    passthrough();
    const smartca = client();
    const session = await smartca.gateway.login({
      grant: 'password',
      username: USERS.cuong,
      password: 'sandbox-password',
    });
    const [credentialId] = await session.listCredentials();
    failFirst('/csc/signature/signhash', 1, () =>
      HttpResponse.json({ code: 50000, codeDesc: 'SERVAR_INTERNAL_ERROR' }, { status: 500 }),
    );
    await assert.rejects(
      session.signHash({ credentialId, documents: [{ docId: 'A', digest: randomDigest() }] }),
      (e: unknown) => e instanceof ApiError && e.wireCode === 50000,
    );
    assert.equal(attempts.get('/csc/signature/signhash'), 1);
    attempts.clear();
    failFirst(
      '/csc/signature/signhash',
      1,
      () => new HttpResponse(null, { status: 503, headers: { 'retry-after': '0' } }),
    );
    const tx = await session.signHash({ credentialId, documents: [{ docId: 'B', digest: randomDigest() }] });
    assert.equal(attempts.get('/csc/signature/signhash'), 2);
    assert.equal(tx.status, 'pending');
  });

  it('logs and errors never carry sp_password, client_secret, user passwords or tokens', async () => {
    passthrough();
    const entries: SmartCALogEntry[] = [];
    const smartca = client({ logger: (e) => entries.push(e) });
    await smartca.certificates.list({ userId: USERS.an });
    const session = await smartca.gateway.login({
      grant: 'password',
      username: USERS.an,
      password: 'sandbox-password',
    });
    await session.listCredentials();
    const failure = await createSmartCA({
      environment: BASE,
      credentials: { spId: 'sandbox-partner', spPassword: 'wrong-secret' },
      logger: (e) => entries.push(e),
    })
      .certificates.list({ userId: USERS.an })
      .catch((e: unknown) => e);
    assert.ok(failure instanceof AuthenticationError);
    const text = JSON.stringify(entries) + inspect(failure, { depth: 10 }) + JSON.stringify(failure);
    for (const secret of [
      SECRET,
      'wrong-secret',
      'sandbox-password',
      session.tokens.accessToken,
      session.tokens.refreshToken!,
    ]) {
      assert.ok(!text.includes(secret), `leaked ${secret.slice(0, 12)}…`);
    }
    assert.ok(entries.some((e) => e.event === 'request' && JSON.stringify(e.body).includes('[REDACTED]')));
    assert.ok(entries.every((e) => e.requestId));
  });
});
