import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  ApiError,
  EkycRejectedError,
  InvalidInputError,
  RegistrationRefusedError,
  VerificationCodeError,
  type SmartCA,
} from '@smartca-kit/sdk';
import type { SandboxServer } from '@smartca-kit/sandbox/node';
import { ekycImages, png } from '../support/images.js';
import { latestCode, newPerson } from '../support/commerce.js';
import { clientFor, startSandbox, USERS } from '../support/sandbox.js';

describe('registration rules: who may register, codes, eKYC, appraisal, and nothing half-done', () => {
  let server: SandboxServer;
  let smartca: SmartCA;
  before(async () => {
    server = await startSandbox({ registrationApprovalMs: 50 });
    smartca = clientFor(server);
  });
  after(() => server.close());

  /** A registration brought to `awaiting-ekyc`. */
  async function activated(person = newPerson()) {
    const reg = await smartca.registrations.create(person);
    const code = latestCode(server, { kind: 'activation_code', to: person.contact.phone });
    return { person, reg: await smartca.registrations.activate(reg.id, { code, password: 'mat-khau-2024' }) };
  }

  const refusals: Array<[string, () => ReturnType<typeof newPerson>, string]> = [
    [
      'a person who already holds a certificate',
      () => ({
        ...newPerson(),
        identity: {
          documentType: 'CCCD',
          idNumber: USERS.an,
          fullName: 'Nguyễn Văn An',
          dateOfBirth: '1999-02-02',
          gender: 'male',
        },
      }),
      'PERSON_ALREADY_REGISTERED',
    ],
    [
      'a device where another account is active',
      () => ({ ...newPerson(), deviceId: `sandbox-device-${USERS.binh}` }),
      'DEVICE_ALREADY_ACTIVE',
    ],
  ];
  for (const [name, person, code] of refusals) {
    it(`refuses ${name} (${code})`, async () => {
      const before = server.sandbox.state.commerce?.registrations.length;
      await assert.rejects(
        smartca.registrations.create(person()),
        (e: unknown) => e instanceof RegistrationRefusedError && e.code === code && e.messages.vi.length > 0,
      );
      assert.equal(server.sandbox.state.commerce?.registrations.length, before, 'nothing created');
    });
  }

  it('refuses a second registration while the first is under way', async () => {
    const person = newPerson();
    const first = await smartca.registrations.create(person);
    await assert.rejects(
      smartca.registrations.create(person),
      (e: unknown) => e instanceof RegistrationRefusedError && e.code === 'REGISTRATION_IN_PROGRESS',
    );
    assert.equal(first.status, 'awaiting-activation');
  });

  it('five wrong activation codes lock the step for five minutes; the right code is then refused too', async () => {
    const person = newPerson();
    const reg = await smartca.registrations.create(person);
    const right = latestCode(server, { kind: 'activation_code', to: person.contact.phone });
    const wrong = right === '000000' ? '111111' : '000000';
    for (let left = 4; left >= 1; left--) {
      await assert.rejects(
        smartca.registrations.activate(reg.id, { code: wrong, password: 'mat-khau-2024' }),
        (e: unknown) =>
          e instanceof VerificationCodeError && e.code === 'VERIFICATION_CODE_INVALID' && e.attemptsLeft === left,
      );
    }
    await assert.rejects(
      smartca.registrations.activate(reg.id, { code: wrong, password: 'mat-khau-2024' }),
      (e: unknown) =>
        e instanceof VerificationCodeError && e.code === 'VERIFICATION_LOCKED' && e.lockedUntil instanceof Date,
    );
    await assert.rejects(
      smartca.registrations.activate(reg.id, { code: right, password: 'mat-khau-2024' }),
      (e: unknown) => e instanceof VerificationCodeError && e.code === 'VERIFICATION_LOCKED',
    );
    await assert.rejects(smartca.registrations.resendActivationCode(reg.id), VerificationCodeError);
    assert.equal((await smartca.registrations.retrieve(reg.id)).status, 'awaiting-activation');
    assert.equal(
      server.sandbox.state.users.some((u) => u.userId === person.identity.idNumber),
      false,
      'no account yet',
    );
  });

  it('a weak password is refused before the code is counted', async () => {
    const person = newPerson();
    const reg = await smartca.registrations.create(person);
    const code = latestCode(server, { kind: 'activation_code', to: person.contact.phone });
    await assert.rejects(
      smartca.registrations.activate(reg.id, { code, password: 'short' }),
      (e: unknown) => e instanceof InvalidInputError && e.field === 'password',
    );
    const done = await smartca.registrations.activate(reg.id, { code, password: 'mat-khau-2024' });
    assert.equal(done.status, 'awaiting-ekyc');
  });

  const ekyc: Array<[string, (i: ReturnType<typeof ekycImages>) => ReturnType<typeof ekycImages>, string, string]> = [
    ['a face photo copied from the card', (i) => ({ ...i, face: i.front }), 'face', 'FACE_IS_CARD_COPY'],
    ['the front sent twice', (i) => ({ ...i, back: i.front }), 'back', 'BACK_SAME_AS_FRONT'],
  ];
  for (const [name, tamper, field, reason] of ekyc) {
    it(`eKYC refuses ${name} (${reason}) and stays at the eKYC step`, async () => {
      const { reg } = await activated();
      await assert.rejects(
        smartca.registrations.submitEkyc(reg.id, tamper(ekycImages())),
        (e: unknown) => e instanceof EkycRejectedError && e.reason === reason && e.field === field,
      );
      assert.equal((await smartca.registrations.retrieve(reg.id)).status, 'awaiting-ekyc');
    });
  }

  it('eKYC: the documented test value, an ID ending in 999, never matches the face', async () => {
    const person = newPerson();
    person.identity.idNumber = `${person.identity.idNumber.slice(0, 9)}999`;
    const { reg } = await activated(person);
    await assert.rejects(
      smartca.registrations.submitEkyc(reg.id, ekycImages()),
      (e: unknown) => e instanceof EkycRejectedError && e.reason === 'FACE_MISMATCH',
    );
  });

  it('eKYC: the server checks the image bytes too (a non-image sent past the SDK)', async () => {
    const { reg } = await activated();
    const token = await clientToken();
    const response = await fetch(`${server.url}/commerce/v1/registrations/ekyc`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        'idempotency-key': crypto.randomUUID(),
        'content-type': 'application/json',
      },
      body: JSON.stringify({
        registrationId: reg.id,
        frontImage: Buffer.from('%PDF-1.7 not an image').toString('base64'),
        backImage: Buffer.from(png(640, 400, 1)).toString('base64'),
        faceImage: Buffer.from(png(300, 300)).toString('base64'),
      }),
    });
    const body = (await response.json()) as {
      code: number;
      content: { field: string; reason: string; messages: { en: string } };
    };
    assert.equal(response.status, 400);
    assert.deepEqual(
      [body.code, body.content.field, body.content.reason],
      [64100, 'frontImage', 'IMAGE_NOT_JPEG_OR_PNG'],
    );
    assert.match(body.content.messages.en, /frontImage/);
  });

  it('steps out of order are refused and change nothing', async () => {
    const person = newPerson();
    const reg = await smartca.registrations.create(person);
    await assert.rejects(
      smartca.registrations.submitEkyc(reg.id, ekycImages()),
      (e: unknown) => e instanceof ApiError && e.code === 'REGISTRATION_STEP_INVALID',
    );
    await assert.rejects(smartca.registrations.signContract(reg.id, { otp: '123456' }), ApiError);
    await assert.rejects(smartca.registrations.signAcceptance(reg.id), ApiError);
    assert.equal((await smartca.registrations.retrieve(reg.id)).status, 'awaiting-activation');
  });

  it('a dossier in appraisal is approved after the configured delay', async () => {
    const { person, reg } = await activated();
    await smartca.registrations.submitEkyc(reg.id, ekycImages());
    await smartca.registrations.requestContract(reg.id);
    await smartca.registrations.signContract(reg.id, {
      otp: latestCode(server, { kind: 'contract_otp', to: person.contact.phone }),
    });
    const approved = await smartca.registrations.waitForStatus(reg.id, ['awaiting-acceptance'], {
      intervalMs: 50,
      timeoutMs: 10_000,
    });
    assert.equal(approved.certificateState?.name, 'WAITING_SIGN_ACCEPTANCE');
  });

  it('a rejected dossier tells the user why, issues nothing, and the person may register again', async () => {
    const slow = await startSandbox();
    try {
      const client = clientFor(slow);
      const person = newPerson();
      const reg = await client.registrations.create(person);
      await client.registrations.activate(reg.id, {
        code: latestCode(slow, { kind: 'activation_code', to: person.contact.phone }),
        password: 'mat-khau-2024',
      });
      await client.registrations.submitEkyc(reg.id, ekycImages());
      await client.registrations.requestContract(reg.id);
      await client.registrations.signContract(reg.id, {
        otp: latestCode(slow, { kind: 'contract_otp', to: person.contact.phone }),
      });
      const rejected = await fetch(`${slow.url}/_sandbox/registrations/${reg.id}/reject`, {
        method: 'POST',
        body: JSON.stringify({ reason: 'Ảnh CCCD bị mờ' }),
      });
      assert.equal(rejected.status, 200);
      const after = await client.registrations.retrieve(reg.id);
      assert.deepEqual(
        [after.status, after.rejectionReason, after.certificateState, after.certificateId],
        ['rejected', 'Ảnh CCCD bị mờ', undefined, undefined],
      );
      assert.ok(
        slow.sandbox
          .outbox({ registrationId: reg.id, kind: 'registration_rejected', channel: 'email' })[0]
          ?.body.includes('Ảnh CCCD bị mờ'),
      );
      const again = await client.registrations.create(person);
      assert.equal(again.status, 'awaiting-activation');
    } finally {
      await slow.close();
    }
  });

  async function clientToken(): Promise<string> {
    const response = await fetch(`${server.url}/auth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=client_credentials&client_id=sandbox-partner&client_secret=sandbox-secret',
    });
    return ((await response.json()) as { access_token: string }).access_token;
  }
});
