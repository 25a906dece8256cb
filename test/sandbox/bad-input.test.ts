import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { SandboxServer } from '@smartca-kit/sandbox/node';
import { SECRET, startSandbox, USERS } from '../support/sandbox.js';

const HASH = 'ab'.repeat(32);

describe('the sandbox answers bad input as SmartCA does, and never crashes', () => {
  let server: SandboxServer;
  before(async () => {
    server = await startSandbox();
  });
  after(() => server.close());

  const post = async (path: string, body: unknown, raw = false) => {
    const response = await fetch(`${server.url}${path}`, {
      method: 'POST',
      body: raw ? String(body) : JSON.stringify(body),
      headers: { 'content-type': 'application/json' },
    });
    return {
      status: response.status,
      body: (await response.json()) as Record<string, unknown>,
      requestId: response.headers.get('x-request-id'),
      detail: response.headers.get('x-smartca-sandbox-detail'),
    };
  };
  const sign = (overrides: Record<string, unknown>, files?: unknown) =>
    post('/sca/sp769/v1/signatures/sign', {
      sp_id: 'sandbox-partner',
      sp_password: SECRET,
      user_id: USERS.cuong,
      transaction_id: crypto.randomUUID(),
      sign_files: files ?? [{ doc_id: 'a', data_to_be_signed: HASH, file_type: 'pdf', sign_type: 'hash' }],
      ...overrides,
    });

  const cases: Array<[string, () => Promise<Awaited<ReturnType<typeof post>>>, number, string]> = [
    ['broken JSON', () => post('/sca/sp769/v1/signatures/sign', '{"sp_id": ', true), 400, 'BAD_REQUEST'],
    [
      'a JSON array instead of an object',
      () => post('/sca/sp769/v1/signatures/sign', '[1,2]', true),
      400,
      'BAD_REQUEST',
    ],
    ['a bad credential', () => sign({ sp_password: 'wrong' }), 401, 'SP_CREDENTIAL_INVALID'],
    ['an unknown partner', () => sign({ sp_id: 'nobody' }), 401, 'SP_CREDENTIAL_INVALID'],
    ['an unknown user', () => sign({ user_id: '999999999999' }), 401, 'SP_CREDENTIAL_INVALID'],
    [
      'a malformed hash (not hex)',
      () => sign({}, [{ doc_id: 'a', data_to_be_signed: 'zz'.repeat(32), sign_type: 'hash' }]),
      400,
      'BAD_REQUEST',
    ],
    [
      'a wrong hash length (SHA-1)',
      () => sign({}, [{ doc_id: 'a', data_to_be_signed: 'ab'.repeat(20), sign_type: 'hash' }]),
      400,
      'BAD_REQUEST',
    ],
    [
      'sign_type file (only hash is supported)',
      () => sign({}, [{ doc_id: 'a', data_to_be_signed: HASH, sign_type: 'file' }]),
      400,
      'BAD_REQUEST',
    ],
    [
      'an oversized batch (51)',
      () =>
        sign(
          {},
          Array.from({ length: 51 }, (_, i) => ({ doc_id: `d${i}`, data_to_be_signed: HASH, sign_type: 'hash' })),
        ),
      400,
      'BAD_REQUEST',
    ],
    ['an empty batch', () => sign({}, []), 400, 'BAD_REQUEST'],
    [
      'a repeated doc_id',
      () =>
        sign({}, [
          { doc_id: 'a', data_to_be_signed: HASH },
          { doc_id: 'a', data_to_be_signed: HASH },
        ]),
      400,
      'BAD_REQUEST',
    ],
    ['a missing transaction_id', () => sign({ transaction_id: undefined }), 400, 'BAD_REQUEST'],
    ['an unknown serial_number', () => sign({ serial_number: 'deadbeef' }), 400, 'BAD_REQUEST'],
    [
      'a status for an unknown transaction',
      () => post('/sca/sp769/v1/signatures/sign/nope/status', {}),
      400,
      'BAD_REQUEST',
    ],
    ['an unknown SP769 endpoint', () => post('/sca/sp769/v1/nothing', {}), 400, 'BAD_REQUEST'],
  ];
  for (const [name, call, status, message] of cases) {
    it(`SP769: ${name} → ${status} ${message}`, async () => {
      const answer = await call();
      assert.equal(answer.status, status);
      assert.deepEqual(answer.body, { status_code: status, message, data: null });
      assert.ok(answer.requestId);
    });
  }

  it('gateway: no bearer → 401 envelope; broken JSON → 30000; a bad hash → 62010', async () => {
    const noAuth = await post('/csc/credentials/list', {});
    assert.equal(noAuth.status, 401);
    assert.deepEqual(Object.keys(noAuth.body).sort(), ['code', 'codeDesc', 'content', 'message']);
    const token = await (
      await fetch(`${server.url}/auth/token`, {
        method: 'POST',
        body: new URLSearchParams({
          grant_type: 'password',
          client_id: 'sandbox-partner',
          client_secret: SECRET,
          username: USERS.cuong,
          password: 'sandbox-password',
        }),
      })
    ).json();
    const call = async (path: string, body: string) => {
      const r = await fetch(`${server.url}${path}`, {
        method: 'POST',
        body,
        headers: { authorization: `Bearer ${token.access_token}`, 'content-type': 'application/json' },
      });
      return { status: r.status, body: await r.json() };
    };
    const broken = await call('/csc/credentials/list', '{');
    assert.equal(broken.status, 400);
    assert.equal(broken.body.code, 30000);
    const [credentialId] = (await call('/csc/credentials/list', '{}')).body.content;
    for (const hash of ['', 'not base64!', Buffer.alloc(246).toString('base64')]) {
      const badHash = await call(
        '/csc/signature/signhash',
        JSON.stringify({ credentialId, refTranId: 'r1', datas: [{ name: 'a', hash }] }),
      );
      assert.equal(badHash.body.code, 62010, hash);
    }
    const tooMany = await call(
      '/csc/signature/signhash',
      JSON.stringify({
        credentialId,
        refTranId: 'r2',
        datas: Array.from({ length: 51 }, () => ({ name: 'a', hash: Buffer.alloc(32).toString('base64') })),
      }),
    );
    assert.equal(tooMany.body.code, 30000);
    const unknown = await call('/csc/credentials/info', JSON.stringify({ credentialId: 'nope' }));
    assert.deepEqual([unknown.body.code, unknown.body.message], [60000, 'no_credential_match_id_nope']);
  });

  it('still serves normally after all of that', async () => {
    const answer = await post('/sca/sp769/v1/credentials/get_certificate', {
      sp_id: 'sandbox-partner',
      sp_password: SECRET,
      user_id: USERS.an,
      serial_number: '',
      transaction_id: 't',
    });
    assert.equal(answer.status, 200);
  });
});
