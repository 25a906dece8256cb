import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { SandboxServer } from '@smartca-kit/sandbox/node';
import { SECRET, startSandbox, USERS } from '../support/sandbox.js';
import { vietnamesePdf } from '../support/pdf-fixtures.js';
import { EINVOICE } from '../support/xml-fixtures.js';
import { pdfsig, scratch } from '../support/validators.js';

// The OAuth2 gateway as real clients call it, field for field (sources in docs/wire-contract.md by
// C-number; each replay was written from what the client does). Each answer is read the way that
// client reads it: several read credentials/info with no envelope, poll gettraninfo for `code == 0`
// and `tranStatus`, take `documents[0].sig`, or `dataSigned` for whole files.
describe('the gateway as real clients call it', () => {
  let server: SandboxServer;

  before(async () => {
    server = await startSandbox();
  });
  after(() => server.close());

  /** The password grant, form-encoded, as C8, C11, C13 and C15 send it. */
  async function login(userId: string): Promise<string> {
    const response = await fetch(`${server.url}/auth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'password',
        username: userId,
        password: 'sandbox-password',
        client_id: 'sandbox-partner',
        client_secret: SECRET,
      }).toString(),
    });
    const token = (await response.json()) as { access_token: string; refresh_token: string; expires_in: number };
    assert.equal(typeof token.expires_in, 'number', 'every client reads expires_in as a number');
    return token.access_token;
  }

  async function csc(token: string, path: string, body: string) {
    const response = await fetch(`${server.url}${path}`, {
      method: 'POST',
      body,
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
        accept: 'application/json',
      },
    });
    return { http: response.status, json: (await response.json()) as any };
  }
  const hashOf = (text: string) => createHash('sha256').update(text).digest('base64');

  it('C11, VNPT\'s .NET sample "GatewayServiceTest": list {}, info read bare, signhash with refTranId "1234-5678-90000" twice', async () => {
    const token = await login(USERS.an);
    const list = await csc(token, '/csc/credentials/list', '{}');
    assert.equal(list.json.code, 0);
    const credentialId = list.json.content[0];
    const info = await csc(
      token,
      '/csc/credentials/info',
      JSON.stringify({ credentialId, certificates: 'chain', certInfo: true, authInfo: true }),
    );
    const certificate = String(info.json.cert.certificates[0]).replace(/\r\n/g, '');
    assert.ok(Buffer.from(certificate, 'base64').length > 500, 'resp.cert.certificates[0], at the top level');
    const tranIds: string[] = [];
    for (let i = 0; i < 2; i++) {
      const signed = await csc(
        token,
        '/csc/signature/signhash',
        JSON.stringify({
          credentialId,
          refTranId: '1234-5678-90000',
          notifyUrl: 'http://10.169.0.221/api/v1/smart_ca_callback',
          description: 'Test for docx',
          datas: [{ name: 'test.docx', hash: hashOf(`C11 ${i}`) }],
        }),
      );
      assert.equal(signed.json.code, 0, 'the same refTranId again is a new request, not a conflict');
      tranIds.push(signed.json.content.tranId);
    }
    assert.notEqual(tranIds[0], tranIds[1], 'VNPT starts a new transaction each time');
    for (const tranId of tranIds) server.sandbox.reject(tranId);
  });

  it('C13, an e-office on gwsca (C#): signhash without refTranId, N datas mapped by position, 4000 → wait, 1 → documents[i].sig', async () => {
    const token = await login(USERS.cuong);
    const credentialId = (await csc(token, '/csc/credentials/list', '{}')).json.content[0];
    const hashes = [hashOf('VB 1'), hashOf('VB 2'), hashOf('VB 3')];
    const signed = await csc(
      token,
      '/csc/signature/signhash',
      JSON.stringify({
        credentialId,
        description: 'VB Gửi Ký',
        refTranId: null,
        datas: hashes.map((hash, i) => ({ name: `van-ban-${i + 1}.pdf`, hash })),
      }),
    );
    assert.equal(signed.json.code, 0, 'refTranId is optional in practice');
    const tranId = signed.json.content.tranId;
    const waiting = await csc(token, '/csc/credentials/gettraninfo', JSON.stringify({ tranId }));
    assert.equal(waiting.json.content.tranStatus, 4000);
    await server.sandbox.approve(tranId);
    const done = await csc(token, '/csc/credentials/gettraninfo', JSON.stringify({ tranId }));
    assert.ok(done.json.code === 0 && done.json.content.tranStatus === 1);
    assert.deepEqual(
      done.json.content.documents.map((d: any) => d.hash),
      hashes,
      'positional',
    );
    assert.ok(done.json.content.documents.every((d: any) => Buffer.from(d.sig, 'base64').length === 256));
  });

  it('C8, CenIT.Libs.VNPTSmartCA (C#): a Guid refTranId, notifyUrl null, credentials/info read bare, 4002 read as rejected', async () => {
    const token = await login(USERS.an);
    const credentialId = (await csc(token, '/csc/credentials/list', '{}')).json.content[0];
    const info = await csc(
      token,
      '/csc/credentials/info',
      JSON.stringify({ credentialId, certificates: 'chain', certInfo: true, authInfo: true }),
    );
    assert.equal(info.json.key.len, 2048);
    assert.match(info.json.cert.validFrom, /^\d{14}Z$/);
    const signed = await csc(
      token,
      '/csc/signature/signhash',
      JSON.stringify({
        credentialId,
        refTranId: crypto.randomUUID(),
        notifyUrl: null,
        description: '',
        datas: [{ name: 'bao-cao.pdf', hash: hashOf('C8') }],
      }),
    );
    const tranId = signed.json.content.tranId;
    server.sandbox.reject(tranId);
    const answer = await csc(token, '/csc/credentials/gettraninfo', JSON.stringify({ tranId }));
    assert.deepEqual([answer.json.code, answer.json.content.tranStatus], [0, 4002]);
  });

  it('C1, VNPT\'s demo app "demo-stock": /en/ prefix, the V2 example refTranId hard-coded, whole-file sign of an XML → content.tranId', async () => {
    const token = await login(USERS.cuong);
    const list = await csc(token, '/en/csc/credentials/list', '{}');
    const body = (i: number) =>
      JSON.stringify({
        credentialId: list.json.content[0],
        refTranId: 'e442f592-f892-43dd-8a4b-d6339679f27f',
        description: 'Xác nhận giao dịch chứng khoán',
        datas: [
          {
            name: 'trading_ck.xml',
            dataBase64: Buffer.from(EINVOICE.replace('<SHDon>123</SHDon>', `<SHDon>${i}</SHDon>`)).toString('base64'),
          },
        ],
      });
    const first = await csc(token, '/en/csc/signature/sign', body(1));
    const second = await csc(token, '/en/csc/signature/sign', body(2));
    assert.ok(first.json.code === 0 && typeof first.json.content.tranId === 'string');
    assert.notEqual(first.json.content.tranId, second.json.content.tranId);
    for (const answer of [first, second]) server.sandbox.reject(answer.json.content.tranId);
  });

  it("C15, a Bitrix app from VNPT's PHP OAuth sample: whole-file sign with options as a JSON string → documents[0].dataSigned", async () => {
    const token = await login(USERS.cuong);
    const credentialId = (await csc(token, '/csc/credentials/list', '{}')).json.content[0];
    const pdf = await vietnamesePdf();
    const options = {
      fontColor: '000000',
      fontName: 'Time',
      fontSize: 10,
      fontStyle: 0,
      imageSrc: '',
      visibleType: 5,
      comment: [],
      signatures: [{ page: 1, rectangle: '0,500,200,560' }],
    };
    const signed = await csc(
      token,
      '/csc/signature/sign',
      JSON.stringify({
        credentialId,
        refTranId: crypto.randomUUID(),
        description: 'Ký văn bản',
        datas: [
          { name: 'quy-trinh.pdf', dataBase64: Buffer.from(pdf).toString('base64'), options: JSON.stringify(options) },
        ],
      }),
    );
    const tranId = signed.json.content.tranId;
    const pending = await csc(token, '/csc/credentials/gettraninfo', JSON.stringify({ tranId }));
    assert.notEqual(pending.json.content.tranStatus, 1, '"not done" until the user approves');
    await server.sandbox.approve(tranId);
    const done = await csc(token, '/csc/credentials/gettraninfo', JSON.stringify({ tranId }));
    assert.equal(done.json.content.tranStatus, 1);
    const file = Buffer.from(done.json.content.documents[0].dataSigned, 'base64');
    assert.equal((await pdfsig(scratch('smartca-c15-').file('quy-trinh.pdf', file))).valid, 1);
  });

  it("C2, VNPT's Flutter SDK module: /vi/ prefix, gettraninfo read with size as text and data ?? dataSigned", async () => {
    const token = await login(USERS.cuong);
    const credentialId = (await csc(token, '/vi/csc/credentials/list', '{}')).json.content[0];
    const signed = await csc(
      token,
      '/vi/csc/signature/sign',
      JSON.stringify({
        credentialId,
        refTranId: crypto.randomUUID(),
        description: 'Document Signing',
        datas: [
          {
            name: 'hoa-don.xml',
            dataBase64: Buffer.from(EINVOICE).toString('base64'),
            options: JSON.stringify({ visibleType: 3, fontName: 'Roboto', fontSize: 10, signatures: [] }),
          },
        ],
      }),
    );
    const tranId = signed.json.content.tranId;
    await server.sandbox.approve(tranId);
    const { content } = (await csc(token, '/vi/csc/credentials/gettraninfo', JSON.stringify({ tranId }))).json;
    assert.ok(!Number.isNaN(Date.parse(content.reqTime)), 'DateTime.parse(reqTime)');
    assert.deepEqual([content.tranType, content.tranTypeDesc], [2, 'SIGN']);
    const [doc] = content.documents;
    assert.equal(typeof doc.size, 'string', 'final String size');
    const file = Buffer.from(doc.data ?? doc.dataSigned, 'base64').toString('utf8');
    assert.match(file, /<(?:ds:)?Signature[\s>]/, 'the XML comes back signed');
  });
});
