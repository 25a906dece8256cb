import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { SandboxServer } from '@smartca-kit/sandbox/node';
import { eventually, SECRET, startSandbox, USERS } from '../support/sandbox.js';
import { GATEWAY, keys } from './reference.js';

describe("gateway conformance: the sandbox speaks V2's field names and values", () => {
  let server: SandboxServer;
  let accessToken: string;
  const notifications: unknown[] = [];

  before(async () => {
    server = await startSandbox({
      fetch: async (_url, init) => {
        notifications.push(JSON.parse(String(init?.body)));
        return new Response('ok');
      },
    });
  });
  after(() => server.close());

  const token = (form: Record<string, string>) =>
    fetch(`${server.url}/auth/token`, {
      method: 'POST',
      body: new URLSearchParams({ client_id: 'sandbox-partner', client_secret: SECRET, ...form }),
    });
  const post = (path: string, body: unknown) =>
    fetch(`${server.url}/csc/${path}`, {
      method: 'POST',
      body: JSON.stringify(body),
      headers: { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' },
    });
  const csc = async (path: string, body: unknown, status = 200) => {
    const response = await post(path, body);
    const json = (await response.json()) as { code: number; codeDesc: string; message: string; content: any };
    assert.deepEqual(keys(json), GATEWAY.envelope);
    assert.equal(response.status, status);
    return json;
  };

  it("/auth/token answers V2 §3's token fields; the access token is a JWT", async () => {
    const response = await token({ grant_type: 'password', username: USERS.an, password: 'sandbox-password' });
    const body = await response.json();
    assert.deepEqual(keys(body), GATEWAY.token);
    assert.equal(body.token_type, GATEWAY.tokenType);
    assert.equal(body.scope, GATEWAY.scope);
    assert.ok([3599, 3600].includes(body.expires_in));
    assert.equal(body.access_token.split('.').length, 3);
    accessToken = body.access_token;
    const refreshed = await (
      await token({ grant_type: 'refresh_token', refresh_token: body.refresh_token, scope: 'sign offline_access' })
    ).json();
    assert.deepEqual(keys(refreshed), GATEWAY.token);
  });

  it('token errors are RFC 6749 {error, error_description} with HTTP 400', async () => {
    for (const [form, error] of [
      [{ grant_type: 'password', username: USERS.an, password: 'x' }, 'invalid_grant'],
      [{ grant_type: 'password', client_secret: 'nope', username: USERS.an, password: 'x' }, 'invalid_client'],
    ] as const) {
      const response = await token(form);
      assert.equal(response.status, 400);
      const body = await response.json();
      assert.deepEqual(keys(body), GATEWAY.oauthError);
      assert.equal(body.error, error);
    }
  });

  it("credentials/list and credentials/info carry V2 §5's fields, chain signer → CA → root; info comes bare", async () => {
    const list = await csc('credentials/list', {});
    assert.equal(list.code, 0);
    assert.equal(list.codeDesc, 'SUCCESS');
    assert.ok(Array.isArray(list.content) && typeof list.content[0] === 'string');
    const response = await post('credentials/info', {
      credentialId: list.content[0],
      certificates: 'chain',
      certInfo: true,
      authInfo: true,
    });
    assert.equal(response.status, 200);
    const info = (await response.json()) as any;
    assert.deepEqual(keys(info), GATEWAY.credentialInfo, 'no {code, codeDesc, message, content} around it');
    assert.deepEqual(keys(info.key), GATEWAY.key);
    assert.deepEqual(info.key.alg, ['1.2.840.113549.1.1.1']);
    assert.equal(info.key.len, 2048);
    assert.deepEqual(keys(info.cert), GATEWAY.cert);
    assert.equal(info.cert.status, 'VALID');
    assert.match(info.cert.validFrom, GATEWAY.timeFormat);
    assert.equal(info.cert.certificates.length, 3);
    assert.equal(info.authMode, 'oauth2code');
    const [pack] = info.servicePacks;
    for (const field of GATEWAY.servicePack) assert.ok(field in pack, field);
    assert.deepEqual(keys(pack.admin), GATEWAY.admin);
    assert.equal(info.signType, 1, "per-turn in the mobile SDK's model");
  });

  it("signhash → {tranId}; gettraninfo → V2's fields and tranStatus codes; notifyUrl once", async () => {
    const [credentialId] = (await csc('credentials/list', {})).content;
    const hash = Buffer.alloc(32, 9).toString('base64');
    const signed = await csc('signature/signhash', {
      credentialId,
      refTranId: 'conf-g',
      notifyUrl: 'http://partner.invalid/n',
      description: 'x',
      datas: [{ name: 'a.pdf', hash }],
    });
    assert.deepEqual(keys(signed.content), GATEWAY.signHash);
    const tranId = signed.content.tranId;
    assert.equal(signed.message, GATEWAY.waitingMessage);
    const waitingAnswer = await csc('credentials/gettraninfo', { tranId });
    assert.equal(waitingAnswer.message, GATEWAY.tranInfoMessage);
    const waiting = waitingAnswer.content;
    assert.deepEqual(keys(waiting), GATEWAY.tranInfo);
    assert.match(waiting.sub, GATEWAY.uuidFormat, 'sub is a subject UUID, not the CCCD');
    assert.match(waiting.reqTime, GATEWAY.isoTimeFormat);
    assert.deepEqual([waiting.documents[0].name, waiting.documents[0].type], ['a.pdf', 'pdf']);
    assert.match(waiting.documents[0].size, GATEWAY.sizeFormat);
    assert.equal(waiting.documents[0].data, hash, 'for signhash, data is the hash again');
    assert.equal(waiting.documents[0].sig, null);
    assert.deepEqual([waiting.tranStatus, waiting.tranStatusDesc], [4000, GATEWAY.tranStatus[4000]]);
    assert.deepEqual([waiting.tranType, waiting.tranTypeDesc], [3, 'SIGNHASH']);
    await server.sandbox.approve(tranId);
    const done = (await csc('credentials/gettraninfo', { tranId })).content;
    assert.deepEqual([done.tranStatus, done.tranStatusDesc], [1, GATEWAY.tranStatus[1]]);
    assert.deepEqual(keys(done.documents[0]), GATEWAY.tranDocument);
    assert.equal(done.documents[0].hash, hash);
    assert.equal(Buffer.from(done.documents[0].sig, 'base64').length, 256);
    const notify = await eventually(() => notifications.find((n) => (n as { tranId: string }).tranId === tranId));
    assert.deepEqual(keys(notify), GATEWAY.notify);
    assert.deepEqual(notify, { tranId, refTranId: 'conf-g', status: 1 });
    await server.sandbox.idle();
    assert.equal(notifications.filter((n) => (n as { tranId: string }).tranId === tranId).length, 1, 'exactly once');
  });

  it('out of turns is 65000 SERVICE_PACK_EXEED_OR_INVALID with HTTP 400', async () => {
    accessToken = (
      await (await token({ grant_type: 'password', username: USERS.binh, password: 'sandbox-password' })).json()
    ).access_token;
    const [credentialId] = (await csc('credentials/list', {})).content;
    const refused = await csc(
      'signature/signhash',
      { credentialId, refTranId: 'conf-65000', datas: [{ name: 'a', hash: Buffer.alloc(32).toString('base64') }] },
      400,
    );
    assert.deepEqual([refused.code, refused.codeDesc], [GATEWAY.outOfTurns.code, GATEWAY.outOfTurns.codeDesc]);
  });
});
