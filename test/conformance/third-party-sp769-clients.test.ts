import assert from 'node:assert/strict';
import { createHash, X509Certificate } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { generateTotp } from '@smartca-kit/sdk';
import { SEED_USER_PASSWORD, seedTotpSecret } from '@smartca-kit/sandbox';
import type { SandboxServer } from '@smartca-kit/sandbox/node';
import { eventually, SECRET, startSandbox, USERS, verifyWithNodeCrypto } from '../support/sandbox.js';
import { png } from '../support/images.js';
import { vietnamesePdf } from '../support/pdf-fixtures.js';
import { pdfsig, scratch } from '../support/validators.js';

// Real SmartCA clients that nobody here wrote, replayed field for field against the sandbox: each
// request is shaped as the client sends it, and each answer is read the way the client reads it. The
// sources are listed in docs/wire-contract.md (C-numbers); the replays were written from what each
// client does, none of their code is here. A client that breaks here would break against the sandbox.
describe('SP769 as real clients call it', () => {
  let server: SandboxServer;
  const SP = { sp_id: 'sandbox-partner', sp_password: SECRET };

  before(async () => {
    server = await startSandbox();
  });
  after(() => server.close());

  /** A POST with the client's exact body text and headers; the JSON answer and the HTTP status. */
  async function post(
    path: string,
    body: string | undefined,
    headers: Record<string, string> = { 'content-type': 'application/json' },
  ) {
    const response = await fetch(`${server.url}${path}`, { method: 'POST', headers, body });
    return { http: response.status, json: (await response.json()) as any };
  }
  const sp769 = (path: string, body: object) => post(`/sca/sp769/v1/${path}`, JSON.stringify(body));
  const digestHex = (text: string) => createHash('sha256').update(text).digest('hex');
  const spkiOf = (certData: string) =>
    new Uint8Array(
      new X509Certificate(Buffer.from(certData.replace(/\s/g, ''), 'base64')).publicKey.export({
        type: 'spki',
        format: 'der',
      }),
    );

  it('C5, VNPT\'s PHP sample "Sample.SmartCA-769-PHP.Curl": get_certificate → calculateHash → sign → status "{}" → signExternal, unchanged', async () => {
    // get_certificate without serial_number; takes user_certificates[0], strips "\r\n" from cert_data.
    const certs = await sp769('credentials/get_certificate', {
      ...SP,
      user_id: USERS.cuong,
      transaction_id: crypto.randomUUID(),
    });
    assert.equal(certs.http, 200, 'the sample stops on any HTTP status but 200');
    const first = certs.json.data.user_certificates[0];
    const signerCert = String(first.cert_data).replace(/\r\n/g, '');
    const pdf = await vietnamesePdf();
    const hashed = await post(
      '/rest/v2/signature/calculateHash',
      JSON.stringify({
        transaction_id: crypto.randomUUID(),
        ...SP,
        signerCert,
        digestAlgorithm: 'sha256',
        sign_files: [
          {
            storage_file_name: '',
            name: 'test.pdf',
            pdfContent: Buffer.from(pdf).toString('base64'),
            sigOptions: {
              renderMode: 4,
              customImage: Buffer.from(png(40, 20)).toString('base64'),
              fontSize: 13,
              fontColor: '#000000',
              signatureText: 'Ký bởi: Lê Hoàng Cường\nThời gian ký: 17/05/2023 09:43:23',
              signatures: [{ page: 1, rectangle: '0,581,200,657' }],
            },
          },
        ],
      }),
    );
    assert.equal(hashed.json.hashResps[0].code, 'sigSuccess');
    const { hash, fileID } = hashed.json.hashResps[0];
    const hashSession = hashed.json.tranId;
    // data_to_be_signed = bin2hex(base64_decode(hash)); doc_id "doc_id"; no time_stamp, no transaction_desc.
    const transactionId = crypto.randomUUID();
    const signed = await sp769('signatures/sign', {
      ...SP,
      user_id: USERS.cuong,
      transaction_id: transactionId,
      sign_files: [
        {
          data_to_be_signed: Buffer.from(hash, 'base64').toString('hex'),
          doc_id: 'doc_id',
          file_type: 'pdf',
          sign_type: 'hash',
        },
      ],
      serial_number: first.serial_number,
    });
    assert.ok(signed.json.status_code === 200 && signed.json.message === 'sig_wait_for_user_confirm');
    // get_tranInfo.php: the literal body '{}', no credentials, the SP's own transaction_id in the path.
    const early = await post(`/sca/sp769/v1/signatures/sign/${signed.json.data.transaction_id}/status`, '{}');
    assert.notEqual(early.json.message, 'SUCCESS', '"not finished, try again"');
    await server.sandbox.approve(transactionId);
    const done = await post(`/sca/sp769/v1/signatures/sign/${signed.json.data.transaction_id}/status`, '{}');
    assert.equal(done.json.message, 'SUCCESS');
    const signature = done.json.data.signatures[0].signature_value;
    const external = await post(
      '/rest/v2/signature/signExternal',
      JSON.stringify({ tranId: hashSession, ...SP, signatures: [{ fileID, signature }] }),
    );
    const signedPdf = Buffer.from(external.json.signResps[0].signedData, 'base64');
    assert.equal((await pdfsig(scratch('smartca-c5-').file('signed.pdf', signedPdf))).valid, 1);
  });

  it('C7, HaiBarca03/smart-ca (NestJS): calculateHash without name, colour without "#", rectangle with spaces; a "|" doc_id', async () => {
    const certs = await sp769('credentials/get_certificate', {
      ...SP,
      user_id: USERS.cuong,
      transaction_id: crypto.randomUUID(),
    });
    const { cert_data: certData, serial_number: serial } = certs.json.data.user_certificates[0];
    const hashed = await post(
      '/rest/v2/signature/calculateHash',
      JSON.stringify({
        transaction_id: crypto.randomUUID(),
        ...SP,
        signerCert: String(certData).replace(/[\r\n]/g, ''),
        digestAlgorithm: 'sha256',
        sign_files: [
          {
            storage_file_name: '',
            pdfContent: Buffer.from(await vietnamesePdf()).toString('base64'),
            sigOptions: {
              renderMode: 3,
              fontSize: 8,
              fontColor: 'FF0000',
              signatureText: 'Verified by: VNPT SmartCA',
              signatures: [{ page: 1, rectangle: '328, 540, 510, 620' }],
            },
          },
        ],
      }),
    );
    assert.equal(hashed.json.hashResps[0].code, 'sigSuccess');
    const docId = `hop_dong.pdf|${hashed.json.hashResps[0].fileID}|${hashed.json.tranId}|rec-42`;
    const signed = await sp769('signatures/sign', {
      ...SP,
      user_id: USERS.cuong,
      transaction_id: crypto.randomUUID(),
      serial_number: serial,
      sign_files: [
        {
          data_to_be_signed: Buffer.from(hashed.json.hashResps[0].hash, 'base64').toString('hex'),
          doc_id: docId,
          file_type: 'pdf',
          sign_type: 'hash',
        },
      ],
    });
    assert.equal(signed.json.status_code, 200);
    await server.sandbox.approve(signed.json.data.transaction_id);
    const done = await post(`/sca/sp769/v1/signatures/sign/${signed.json.data.transaction_id}/status`, '{}');
    assert.equal(done.json.message, 'SUCCESS');
    assert.equal(done.json.data.signatures[0].doc_id, docId, 'the doc_id comes back as sent, "|" and all');
  });

  it('C3, TaKaHome_BE (NestJS): time_stamp and service_type on get_certificate, cert_status_code "VALID", speculative sign_files flags, status with no body', async () => {
    const certs = await sp769('credentials/get_certificate', {
      ...SP,
      user_id: USERS.em,
      transaction_id: `SP_CA_${Date.now()}`,
      time_stamp: '20251221151855Z',
      service_type: 'SMARTCA',
    });
    const listed = certs.json.data.user_certificates as any[];
    const active =
      listed.find(
        (c) =>
          String(c.cert_status_code).toUpperCase() === 'VALID' ||
          String(c.cert_status).toUpperCase().includes('ĐANG HOẠT ĐỘNG'),
      ) ?? listed[0];
    assert.equal(active.cert_status_code, 'VALID');
    const digest = digestHex('C3 signed attributes');
    const transactionId = `SP_CA_${Date.now()}`;
    const signed = await sp769('signatures/sign', {
      ...SP,
      user_id: USERS.em,
      transaction_id: transactionId,
      transaction_desc: 'Sign PDF via API',
      time_stamp: '20251221151855Z',
      serial_number: active.serial_number,
      sign_files: [
        {
          file_type: 'pdf',
          data_to_be_signed: digest,
          doc_id: `doc-${crypto.randomUUID()}`,
          sign_type: 'hash',
          hash_alg: 'SHA-256',
          pkcs_type: 'p7_detached',
          signature_format: 'CADES_BES',
          return_type: 'pkcs7',
          need_pkcs7: true,
        },
      ],
    });
    assert.equal(signed.json.status_code, 200, 'unknown sign_files fields are ignored');
    // axios.post(url, undefined, { headers: { 'Content-Type': 'application/json' } }): no body at all.
    const pending = await post(`/sca/sp769/v1/signatures/sign/${transactionId}/status`, undefined);
    assert.ok(String(pending.json.message).toLowerCase().includes('wait_for_user'), 'read as "keep waiting"');
    await server.sandbox.approve(transactionId);
    const done = await post(`/sca/sp769/v1/signatures/sign/${transactionId}/status`, undefined);
    assert.ok(done.http === 200 && done.json.status_code === 200 && done.json.message === 'SUCCESS');
    const value = done.json.data.signature_value ?? done.json.data.signatures[0].signature_value;
    assert.ok(
      verifyWithNodeCrypto(spkiOf(active.cert_data), Buffer.from(digest, 'hex'), Buffer.from(value, 'base64')),
      'a raw PKCS#1 signature the client wraps in CMS itself',
    );
  });

  it('C4, a rental-contract NestJS service: "T" time_stamp, status with no body, expired_in and an upper-cased message', async () => {
    const certs = await sp769('credentials/get_certificate', {
      ...SP,
      user_id: USERS.an,
      transaction_id: `TX_${Date.now()}_1234`,
      serial_number: '',
    });
    const valid = (certs.json.data.user_certificates as any[])
      .filter((c) => c.cert_status_code === 'VALID')
      .sort((a, b) => Date.parse(b.cert_valid_to) - Date.parse(a.cert_valid_to))[0];
    const transactionId = `TX_${Date.now()}_5678`;
    const signed = await sp769('signatures/sign', {
      ...SP,
      user_id: USERS.an,
      transaction_id: transactionId,
      transaction_desc: 'Ky hop dong bat dong san',
      serial_number: valid.serial_number,
      time_stamp: '20250301T101500Z',
      sign_files: [{ file_type: 'pdf', data_to_be_signed: digestHex('C4'), doc_id: transactionId, sign_type: 'hash' }],
    });
    assert.equal(signed.json.status_code, 200);
    const pending = await post(`/sca/sp769/v1/signatures/sign/${transactionId}/status`, undefined, {});
    assert.ok(pending.json.data.expired_in > 0, 'pending while expired_in is above 0');
    assert.notEqual(String(pending.json.message).toUpperCase(), 'SUCCESS');
    server.sandbox.reject(transactionId);
    const rejected = await post(`/sca/sp769/v1/signatures/sign/${transactionId}/status`, undefined, {});
    assert.notEqual(String(rejected.json.message).toUpperCase(), 'SUCCESS', 'a rejection is never read as success');
  });

  it('C12, ERS_EbhRemoteSigning (C#): Guid ids, doc_id = the hex digest, no time_stamp, status body {} until data.signatures', async () => {
    const certs = await sp769('credentials/get_certificate', {
      ...SP,
      user_id: USERS.em,
      serial_number: '',
      transaction_id: crypto.randomUUID(),
    });
    const cert = (certs.json.data.user_certificates as any[]).find((c) => c.service_type === 'ESEAL');
    const hex = digestHex('C12 BHXH');
    const transactionId = crypto.randomUUID();
    const signed = await sp769('signatures/sign', {
      ...SP,
      user_id: USERS.em,
      transaction_id: transactionId,
      transaction_desc: 'Ký từ EBH',
      sign_files: [{ data_to_be_signed: hex, doc_id: hex, file_type: 'xml', sign_type: 'hash' }],
      serial_number: cert.serial_number,
    });
    assert.ok(signed.json.status_code === 200 && signed.json.data !== null);
    await server.sandbox.approve(transactionId);
    const done = await post(`/sca/sp769/v1/signatures/sign/${transactionId}/status`, '{}');
    assert.ok(done.json.status_code === 200 && done.json.message === 'SUCCESS' && done.json.data.signatures !== null);
    assert.equal(done.json.data.signatures[0].doc_id, hex);
  });

  it('C16, an Odoo module (Python): UPPERCASE hex, "SP_CA_" ids, %Y%m%d%H%M%SZ time_stamp; pending while signatures are empty', async () => {
    const certs = await sp769('credentials/get_certificate', {
      ...SP,
      user_id: USERS.an,
      serial_number: '',
      transaction_id: 'SP_CA_0A1B2C3D4E5F',
    });
    const serial = certs.json.data.user_certificates[0].serial_number;
    const transactionId = `SP_CA_${crypto.randomUUID().replace(/-/g, '').slice(0, 12).toUpperCase()}`;
    const docId = 'DOC-7-9F3A2B1C';
    const digest = digestHex('C16 contract').toUpperCase();
    const signed = await sp769('signatures/sign', {
      ...SP,
      user_id: USERS.an,
      transaction_desc: 'Ky hop dong HD-7 - Cong ty A',
      transaction_id: transactionId,
      serial_number: serial,
      time_stamp: '20250301101500Z',
      sign_files: [{ doc_id: docId, file_type: 'pdf', sign_type: 'hash', data_to_be_signed: digest }],
    });
    assert.equal(signed.json.status_code, 200, 'upper-case hex is accepted');
    const pending = await post(`/sca/sp769/v1/signatures/sign/${transactionId}/status`, '{}');
    assert.ok(!pending.json.data.signatures?.length, 'no signatures yet: the cron polls again');
    await server.sandbox.approve(transactionId);
    const done = await post(`/sca/sp769/v1/signatures/sign/${transactionId}/status`, '{}');
    const match = done.json.data.signatures.find((s: any) => s.doc_id === docId);
    assert.ok(
      verifyWithNodeCrypto(
        spkiOf(certs.json.data.user_certificates[0].cert_data),
        Buffer.from(digest, 'hex'),
        Buffer.from(match.signature_value, 'base64'),
      ),
    );
  });

  it('C18, homespace-platform/hs-core-api (Java): a local time_stamp with no Z, status with an empty-string body, cert_status_code first', async () => {
    const certs = await sp769('credentials/get_certificate', {
      ...SP,
      user_id: USERS.dung,
      serial_number: '',
      transaction_id: crypto.randomUUID(),
    });
    const [expired] = certs.json.data.user_certificates;
    assert.equal(expired.cert_status_code, 'EXPIRED', 'the code decides, not the text ("Hết hạn")');
    const good = (
      await sp769('credentials/get_certificate', {
        ...SP,
        user_id: USERS.cuong,
        serial_number: '',
        transaction_id: crypto.randomUUID(),
      })
    ).json.data.user_certificates[0];
    assert.ok(['VALID', 'ACTIVE'].includes(good.cert_status_code));
    assert.ok(String(good.cert_subject).includes(`CCCD:${USERS.cuong}`), 'cert_subject carries the CCCD');
    const transactionId = crypto.randomUUID();
    const signed = await sp769('signatures/sign', {
      ...SP,
      user_id: USERS.cuong,
      transaction_id: transactionId,
      transaction_desc: 'Ký hợp đồng HD-9',
      serial_number: good.serial_number,
      time_stamp: '20250301171500',
      sign_files: [{ file_type: 'pdf', data_to_be_signed: digestHex('C18'), doc_id: 'HD-9', sign_type: 'hash' }],
    });
    assert.equal(signed.json.status_code, 200);
    await server.sandbox.approve(transactionId);
    const done = await post(`/sca/sp769/v1/signatures/sign/${transactionId}/status`, '');
    const signature = done.json.data.signatures.find((s: any) => s.doc_id.toLowerCase() === 'hd-9');
    assert.ok(String(signature.signature_value).trim().length > 0, 'signed iff signature_value is not blank');
  });

  it('C10, VNPT\'s .NET sample "SmartCATHNetCore" (TH): transaction_id "321" twice, OTP from the base64 secret, v2 sign → confirm', async () => {
    for (let i = 0; i < 2; i++) {
      const again = await sp769('credentials/get_certificate', {
        ...SP,
        user_id: USERS.cuong,
        serial_number: '',
        transaction_id: '321',
      });
      assert.equal(again.json.status_code, 200, 'get_certificate does not enforce a unique transaction_id');
    }
    const serial = (
      await sp769('credentials/get_certificate', {
        ...SP,
        user_id: USERS.cuong,
        serial_number: '',
        transaction_id: '321',
      })
    ).json.data.user_certificates[0].serial_number;
    const otp = await generateTotp(seedTotpSecret(USERS.cuong));
    const digest = digestHex('C10 TH');
    const signed = await post(
      '/sca/sp769/v2/signatures/sign',
      JSON.stringify({
        ...SP,
        user_id: USERS.cuong,
        password: SEED_USER_PASSWORD,
        otp,
        transaction_id: crypto.randomUUID(),
        sign_files: [{ data_to_be_signed: digest, doc_id: 'test', file_type: 'pdf', sign_type: 'hash' }],
        serial_number: serial,
      }),
    );
    const confirmed = await post(
      '/sca/sp769/v2/signatures/confirm',
      JSON.stringify({
        ...SP,
        user_id: USERS.cuong,
        password: SEED_USER_PASSWORD,
        transaction_id: signed.json.data.transaction_id,
        sad: signed.json.data.sad,
      }),
    );
    assert.equal(confirmed.json.message, 'Success');
    assert.ok(confirmed.json.data.signatures[0].signature_value);
  });

  it('status polling in every shape integrators use: {}, "", no body, credentials or none, transaction_id or tran_code', async () => {
    const transactionId = crypto.randomUUID();
    const signed = await sp769('signatures/sign', {
      ...SP,
      user_id: USERS.cuong,
      transaction_id: transactionId,
      sign_files: [{ data_to_be_signed: digestHex('poll'), doc_id: 'd', file_type: 'pdf', sign_type: 'hash' }],
    });
    await server.sandbox.approve(transactionId);
    for (const id of [transactionId, signed.json.data.tran_code]) {
      for (const body of ['{}', '', undefined, JSON.stringify(SP)]) {
        const answer = await eventually(async () => {
          const polled = await post(`/sca/sp769/v1/signatures/sign/${id}/status`, body);
          return polled.json.message === 'SUCCESS' ? polled : undefined;
        });
        assert.equal(answer.http, 200, `${id} ${body}`);
      }
    }
    const wrong = await post(
      `/sca/sp769/v1/signatures/sign/${transactionId}/status`,
      JSON.stringify({ ...SP, sp_password: 'nope' }),
    );
    assert.equal(wrong.http, 401, 'credentials, when sent, must be right');
  });
});
