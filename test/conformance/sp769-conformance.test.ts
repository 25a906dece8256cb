import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { generateTotp } from '@smartca-kit/sdk';
import { seedTotpSecret } from '@smartca-kit/sandbox';
import type { SandboxServer } from '@smartca-kit/sandbox/node';
import { eventually, SECRET, startSandbox, USERS } from '../support/sandbox.js';
import { keys, SP769 } from './reference.js';

const HASH = 'a1'.repeat(32);

describe("SP769 conformance: the sandbox speaks V1's field names and values", () => {
  let server: SandboxServer;
  const webhooks: unknown[] = [];
  const creds = { sp_id: 'sandbox-partner', sp_password: SECRET };

  before(async () => {
    server = await startSandbox({
      webhookUrls: { 'sandbox-partner': 'http://partner.invalid/hook' },
      fetch: async (_url, init) => {
        webhooks.push(JSON.parse(String(init?.body)));
        return new Response(null, { status: 200 });
      },
    });
  });
  after(() => server.close());

  const post = async (path: string, body: unknown) => {
    const response = await fetch(`${server.url}/sca/sp769/${path}`, { method: 'POST', body: JSON.stringify(body) });
    const json = (await response.json()) as { status_code: number; message: string; data: Record<string, unknown> };
    assert.deepEqual(keys(json), SP769.envelope);
    assert.equal(response.status, json.status_code, 'the HTTP status mirrors status_code');
    return json;
  };

  it('v1/credentials/get_certificate lists certificates with every V1 §3.2 field', async () => {
    const answer = await post('v1/credentials/get_certificate', {
      ...creds,
      user_id: USERS.em,
      serial_number: '',
      transaction_id: 't-1',
    });
    assert.equal(answer.message, SP769.certificatesMessage);
    const certs = answer.data.user_certificates as Array<Record<string, unknown>>;
    assert.equal(certs.length, 2);
    for (const cert of certs) {
      assert.deepEqual(keys(cert), SP769.certificate);
      assert.deepEqual(keys(cert.chain_data), SP769.chainData);
      assert.ok(['SMARTCA', 'ESEAL'].includes(cert.service_type as string));
      assert.deepEqual([cert.cert_status, cert.cert_status_code], ['Đang hoạt động', 'VALID']);
      assert.doesNotMatch(cert.cert_data as string, /BEGIN CERTIFICATE/, 'base64 DER without PEM armour');
      assert.match(cert.cert_valid_from as string, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/, 'ISO-8601 UTC');
      assert.match(cert.serial_number as string, /^[0-9a-f]+$/);
      assert.match(cert.cert_subject as string, /^C=VN,ST=[^,]+,(O=[^,]+,)?CN=[^,]+,UID=(CCCD|MST):\d+$/);
      assert.equal(cert.transaction_id, 't-1');
    }
    const serial = certs[1]!.serial_number;
    const filtered = await post('v1/credentials/get_certificate', {
      ...creds,
      user_id: USERS.em,
      serial_number: serial,
      transaction_id: 't-2',
    });
    assert.equal((filtered.data.user_certificates as unknown[]).length, 1, 'serial_number filters');
  });

  it('v1/signatures/sign → sig_wait_for_user_confirm {transaction_id, tran_code}; status → SUCCESS with signatures', async () => {
    const sign = await post('v1/signatures/sign', {
      ...creds,
      user_id: USERS.cuong,
      transaction_id: 'conf-1',
      transaction_desc: 'Conformance',
      time_stamp: '20260101000000Z',
      sign_files: [{ data_to_be_signed: HASH, doc_id: 'doc-1', file_type: 'pdf', sign_type: 'hash' }],
    });
    assert.equal(sign.message, SP769.signMessage);
    assert.deepEqual(keys(sign.data), SP769.signData);
    assert.equal(sign.data.transaction_id, 'conf-1');

    const pending = await post('v1/signatures/sign/conf-1/status', {});
    assert.equal(pending.message, SP769.signMessage);
    await server.sandbox.approve('conf-1');
    // Polled by the SP's transaction_id (VNPT's PHP sample) or by tran_code: both answer.
    for (const id of ['conf-1', sign.data.tran_code]) {
      const done = await post(`v1/signatures/sign/${id}/status`, {});
      assert.equal(done.message, SP769.statusDoneMessage);
      assert.deepEqual(keys(done.data), SP769.statusData);
      const [signature] = done.data.signatures as Array<Record<string, unknown>>;
      assert.deepEqual(keys(signature), SP769.signature);
      assert.equal(signature!.doc_id, 'doc-1');
      assert.equal(signature!.timestamp_signature, null, 'null in every VNPT example');
      assert.equal(Buffer.from(signature!.signature_value as string, 'base64').length, 256, 'a raw RSA-2048 signature');
    }
  });

  it("the webhook body carries V1 §3.5's fields", async () => {
    const body = await eventually(() =>
      webhooks.find((w) => (w as { transaction_id: string }).transaction_id === 'conf-1'),
    );
    assert.deepEqual(keys(body), SP769.webhook);
    const [file] = (body as { signed_files: unknown[] }).signed_files;
    assert.deepEqual(keys(file), SP769.signature);
  });

  it("v2 (SmartCA TH) sign and confirm answer with V1 §4.3–4.4's fields", async () => {
    const serial = server.sandbox.state.certificates.find((c) => c.userId === USERS.cuong)!.serialNumber;
    const sign = await post('v2/signatures/sign', {
      ...creds,
      user_id: USERS.cuong,
      password: 'sandbox-password',
      otp: await generateTotp(seedTotpSecret(USERS.cuong)),
      transaction_id: 'conf-th',
      serial_number: serial,
      sign_files: [{ data_to_be_signed: HASH, doc_id: 'th-doc', file_type: 'xml', sign_type: 'hash' }],
    });
    assert.equal(sign.message, SP769.signMessage);
    assert.deepEqual(keys(sign.data), SP769.thSignData);
    assert.equal(sign.data.expired_in, SP769.thSadLifetime);
    const confirm = await post('v2/signatures/confirm', {
      ...creds,
      user_id: USERS.cuong,
      password: 'sandbox-password',
      sad: sign.data.sad,
      transaction_id: 'conf-th',
    });
    assert.equal(confirm.message, SP769.thConfirmMessage);
    assert.deepEqual(keys(confirm.data), SP769.thConfirmData);
  });

  it("errors use V1 §3.1's names and statuses", async () => {
    const bad = await post('v1/signatures/sign', {
      ...creds,
      user_id: USERS.cuong,
      transaction_id: 'e',
      sign_files: [],
    });
    assert.deepEqual([bad.status_code, bad.message], [400, SP769.errors[400]]);
    const auth = await post('v1/credentials/get_certificate', {
      sp_id: 'sandbox-partner',
      sp_password: 'x',
      user_id: USERS.an,
      transaction_id: 'e',
    });
    assert.deepEqual([auth.status_code, auth.message], [401, SP769.errors[401]]);
    const status = await post('v1/signatures/sign', {
      ...creds,
      user_id: USERS.dung,
      transaction_id: 'e2',
      sign_files: [{ data_to_be_signed: HASH, doc_id: 'x', sign_type: 'hash' }],
    });
    assert.deepEqual([status.status_code, status.message], [403, SP769.errors[403]]);
  });
});
