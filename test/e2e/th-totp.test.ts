import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { AuthenticationError, generateTotp, InvalidInputError, type SmartCA } from '@smartca-kit/sdk';
import { seedTotpSecret, SEED_USER_PASSWORD } from '@smartca-kit/sandbox';
import type { SandboxServer } from '@smartca-kit/sandbox/node';
import { clientFor, randomDigest, startSandbox, USERS, verifyWithNodeCrypto } from '../support/sandbox.js';

describe('SmartCA TH (SP769 v2): password + TOTP, then confirm with the sad', () => {
  let server: SandboxServer;
  let smartca: SmartCA;

  before(async () => {
    server = await startSandbox();
    smartca = clientFor(server);
  });
  after(() => server.close());

  it('signs with a delegated TOTP secret and confirms synchronously; no phone involved', async () => {
    const digest = randomDigest();
    const authorization = await smartca.th.sign({
      userId: USERS.an,
      password: SEED_USER_PASSWORD,
      totpSecret: seedTotpSecret(USERS.an),
      documents: [{ docId: 'TH-1', digest }],
    });
    assert.ok(authorization.expiresAt.getTime() - Date.now() > 290_000, 'the sad lives 299 s');
    const phone = await (await fetch(`${server.url}/phone/api/users/${USERS.an}/transactions`)).json();
    assert.equal(phone.length, 0, 'TH transactions never wait in the app');
    const result = await authorization.confirm();
    assert.equal(result.surface, 'sp769-th');
    assert.ok(verifyWithNodeCrypto(result.certificate.publicKeyInfo, digest, result.signatures[0]!.signature));
    // The sad is single use at SmartCA; asking again answers from the first confirmation.
    assert.equal((await authorization.confirm()).signatures[0]!.docId, 'TH-1');
  });

  it('the sad is a real RS256 JWT bound to the transaction', async () => {
    const otp = await generateTotp(seedTotpSecret(USERS.cuong));
    const response = await fetch(`${server.url}/sca/sp769/v2/signatures/sign`, {
      method: 'POST',
      body: JSON.stringify({
        sp_id: 'sandbox-partner',
        sp_password: 'sandbox-secret',
        user_id: USERS.cuong,
        password: SEED_USER_PASSWORD,
        otp,
        transaction_id: 'th-jwt',
        serial_number: server.sandbox.state.certificates.find((c) => c.userId === USERS.cuong)!.serialNumber,
        sign_files: [{ doc_id: 'J', data_to_be_signed: 'ab'.repeat(32), file_type: 'pdf', sign_type: 'hash' }],
      }),
    });
    const body = await response.json();
    assert.equal(body.message, 'sig_wait_for_user_confirm');
    assert.equal(body.data.expired_in, 299);
    const [header, payload] = (body.data.sad as string)
      .split('.')
      .slice(0, 2)
      .map((p) => JSON.parse(Buffer.from(p, 'base64url').toString()));
    assert.equal(header.alg, 'RS256');
    assert.equal(payload.tid, body.data.tran_code);
  });

  it('a wrong OTP is refused as OTP_INVALID; a wrong password as PASSWORD_INVALID', async () => {
    await assert.rejects(
      smartca.th.sign({
        userId: USERS.cuong,
        password: SEED_USER_PASSWORD,
        otp: '000000',
        documents: [{ docId: 'W', digest: randomDigest() }],
      }),
      (e: unknown) => e instanceof AuthenticationError && e.code === 'OTP_INVALID' && e.status === 401,
    );
    await assert.rejects(
      smartca.th.sign({
        userId: USERS.cuong,
        password: 'nope',
        totpSecret: seedTotpSecret(USERS.cuong),
        documents: [{ docId: 'W', digest: randomDigest() }],
      }),
      (e: unknown) => e instanceof AuthenticationError && e.code === 'PASSWORD_INVALID',
    );
  });

  it('TOTP codes follow RFC 6238 at the sandbox too: the neighbouring step is accepted, older ones are not', async () => {
    const secret = seedTotpSecret(USERS.em);
    const cert = (await smartca.certificates.list({ userId: USERS.em })).find((c) => c.serviceType === 'SMARTCA')!;
    const old = await generateTotp(secret, { time: Date.now() - 90_000 });
    const current = await generateTotp(secret);
    if (old !== current) {
      await assert.rejects(
        smartca.th.sign({
          userId: USERS.em,
          password: SEED_USER_PASSWORD,
          otp: old,
          certificate: cert,
          documents: [{ docId: 'O', digest: randomDigest() }],
        }),
        AuthenticationError,
      );
    }
    // The previous step's code is accepted only while the sandbox is still in the next step: keep clear
    // of a step boundary, so the test does not depend on where in its 30 s the clock happens to be.
    if (Date.now() % 30_000 > 27_000) await new Promise((r) => setTimeout(r, 30_000 - (Date.now() % 30_000) + 100));
    const previous = await generateTotp(secret, { time: Date.now() - 30_000 });
    const result = await smartca.th.signAndConfirm({
      userId: USERS.em,
      password: SEED_USER_PASSWORD,
      otp: previous,
      certificate: cert,
      documents: [{ docId: 'P', digest: randomDigest() }],
    });
    assert.equal(result.status, 'signed');
  });

  it('without an OTP or a secret the call is refused before anything is sent', async () => {
    await assert.rejects(
      smartca.th.sign({ userId: USERS.an, password: 'x', documents: [{ docId: 'N', digest: randomDigest() }] }),
      (e: unknown) => e instanceof InvalidInputError && e.field === 'otp',
    );
  });
});
