import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { verifyWebhook, type Registration } from '@smartca-kit/sdk';
import type { SandboxServer } from '@smartca-kit/sandbox/node';
import { ekycImages } from '../support/images.js';
import {
  clickPay,
  latestCode,
  newPerson,
  WEBHOOK_SECRET,
  sandboxWithInbox,
  type WebhookInbox,
} from '../support/commerce.js';
import { clientFor, digestOf, verifyWithNodeCrypto } from '../support/sandbox.js';

// Seed journey B, every step: identity and package, payment, activation by SMS/email code, eKYC, the
// contract signed with an OTP, appraisal (WAITING_APPROVE), approval, the acceptance record signed with
// the new key (WAITING_SIGN_ACCEPTANCE → VALID), and a first signature with the new certificate.
describe('journey B: registering a personal SmartCA certificate', () => {
  let server: SandboxServer;
  let inbox: WebhookInbox;
  let close: () => Promise<void>;
  before(async () => {
    ({ server, inbox, close } = await sandboxWithInbox({ autoApproveMs: 100 }));
  });
  after(() => close());

  it('registers with the unlimited package, pays, and ends with a certificate that signs', async () => {
    const smartca = clientFor(server);
    const person = newPerson();
    const { certificatePackages } = await smartca.packages.catalog();
    const unlimited = certificatePackages.find((p) => p.billing === 'unlimited')!;

    // Steps 2–3: package and identity. "Hoà" has another accepted spelling: the user is told, not corrected.
    let reg = await smartca.registrations.create({ ...person, pricingCode: unlimited.pricingCode });
    assert.equal(reg.status, 'awaiting-payment');
    assert.equal(reg.amountDue, unlimited.price);
    assert.equal(reg.fullName, 'Nguyễn Văn Hoà');
    assert.deepEqual(reg.toneMarkAlternatives, [{ typed: 'Hoà', style: 'new', alternative: 'Hòa' }]);

    // Step 4: payment by credit card on the payment page.
    const order = await smartca.payments.createOrder({
      registrationId: reg.id,
      pricingCode: unlimited.pricingCode,
      paymentMethod: 'credit-card',
      returnUrl: 'https://bank.example/smartca/return',
    });
    assert.equal((await clickPay(order.paymentUrl, 'approve')).searchParams.get('status'), 'paid');
    reg = await smartca.registrations.retrieve(reg.id);
    assert.equal(reg.status, 'awaiting-activation');

    // Step 5: the activation code arrives by SMS and by email (the same code).
    const sms = latestCode(server, { kind: 'activation_code', channel: 'sms', to: person.contact.phone });
    assert.equal(latestCode(server, { kind: 'activation_code', channel: 'email', to: person.contact.email }), sms);
    const phoneInbox = (await (
      await fetch(`${server.url}/phone/api/inbox?phone=${person.contact.phone}`)
    ).json()) as Array<{ code?: string }>;
    assert.equal(phoneInbox[0]?.code, sms, 'the virtual phone shows the SMS');
    reg = await smartca.registrations.activate(reg.id, { code: sms, password: 'mat-khau-2024' });
    assert.equal(reg.status, 'awaiting-ekyc');

    // eKYC with real PNGs, then the contract, signed with the OTP sent to the phone.
    reg = await smartca.registrations.submitEkyc(reg.id, ekycImages());
    assert.equal(reg.status, 'awaiting-contract');
    const contract = await smartca.registrations.requestContract(reg.id);
    assert.match(contract.content, /HỢP ĐỒNG ĐĂNG KÝ DỊCH VỤ/);
    assert.match(contract.content, new RegExp(person.identity.idNumber));
    const otp = latestCode(server, { kind: 'contract_otp', to: person.contact.phone });
    reg = await smartca.registrations.signContract(reg.id, { otp });
    assert.equal(reg.status, 'in-appraisal');
    assert.deepEqual(reg.certificateState, { code: 11, name: 'WAITING_APPROVE' });

    // VNPT-CA approves (the admin API plays the appraiser); the approval is announced in the app and by email.
    const approved = await fetch(`${server.url}/_sandbox/registrations/${reg.id}/approve`, { method: 'POST' });
    assert.equal(approved.status, 200);
    reg = await smartca.registrations.retrieve(reg.id);
    assert.equal(reg.status, 'awaiting-acceptance');
    assert.deepEqual(reg.certificateState, { code: 7, name: 'WAITING_SIGN_ACCEPTANCE' });
    const approvals = server.sandbox.outbox({ registrationId: reg.id, kind: 'registration_approved' });
    assert.deepEqual(approvals.map((n) => n.channel).sort(), ['app', 'email']);
    assert.equal(approvals[0]?.subject, 'Yêu cầu cấp chứng thư số đã được duyệt từ VNPT-CA');

    // Until the acceptance record is signed, the new certificate signs nothing else.
    const certificate = await smartca.certificates.select({
      userId: person.identity.idNumber,
      serialNumber: reg.serialNumber,
    });
    assert.equal(certificate.commonName, 'Nguyễn Văn Hoà');
    assert.deepEqual(certificate.identity, { type: 'CCCD', value: person.identity.idNumber });
    await assert.rejects(
      smartca.signatures.sign({
        userId: person.identity.idNumber,
        certificate,
        documents: [{ docId: 'too-early', digest: digestOf('x') }],
      }),
      (e: unknown) => e instanceof Error && e.name === 'CertificateStatusError',
    );

    // Step 6: the acceptance record, signed with the new key through the normal sign flow, verified.
    const record = await smartca.registrations.acceptanceRecord(reg.id);
    assert.match(record.content, /BIÊN BẢN NGHIỆM THU/);
    reg = await smartca.registrations.signAcceptance(reg.id);
    assert.equal(reg.status, 'completed');
    assert.deepEqual(reg.certificateState, { code: 0, name: 'VALID' });
    const acceptanceTx = server.sandbox.state.transactions.find((t) => t.files[0]?.docId === record.documentId)!;
    assert.ok(
      verifyWithNodeCrypto(
        certificate.publicKeyInfo,
        record.digest,
        Buffer.from(acceptanceTx.signatures?.[0] ?? '', 'base64'),
      ),
      'OpenSSL verifies the acceptance signature',
    );

    // The certificate, issued by the sandbox CA, signs straight away (unlimited: no turns needed).
    const tx = await smartca.signatures.sign({
      userId: person.identity.idNumber,
      documents: [{ docId: 'HD-001', digest: digestOf('first contract') }],
    });
    const signed = await tx.wait();
    assert.equal(signed.certificate.serialNumber, certificate.serialNumber);
    const [balance] = await smartca.packages.balance({ userId: person.identity.idNumber });
    assert.deepEqual([balance?.billing, balance?.state?.name], ['unlimited', 'VALID']);

    // The partner followed it all by webhook: every step, in order, each signed.
    const steps: string[] = [];
    for (const delivery of inbox.received) {
      const event = await verifyWebhook(delivery.raw, delivery.headers, { secrets: WEBHOOK_SECRET });
      if (event.type === 'registration.updated' && event.registration.id === reg.id) {
        steps.push(
          `${event.registration.status}${event.registration.certificateState ? `:${event.registration.certificateState.code}` : ''}`,
        );
      }
    }
    assert.deepEqual(
      [...new Set(steps)],
      [
        'awaiting-payment',
        'awaiting-activation',
        'awaiting-ekyc',
        'awaiting-contract',
        'in-appraisal:11',
        'in-appraisal:1',
        'awaiting-acceptance:7',
        'completed:0',
      ],
    );
  });

  it("the citizens' free year: nothing to pay, auto-approved, signs for free on a public-service portal", async () => {
    const smartca = clientFor(server);
    const portal = clientFor(server, 'sandbox-portal');
    const person = newPerson({ fullName: 'Lê Thị Thuỷ', gender: 'female' });
    let reg: Registration = await smartca.registrations.create(person);
    assert.deepEqual([reg.status, reg.amountDue], ['awaiting-activation', 0]);
    assert.deepEqual(reg.toneMarkAlternatives, [{ typed: 'Thuỷ', style: 'new', alternative: 'Thủy' }]);
    reg = await smartca.registrations.activate(reg.id, {
      code: latestCode(server, { kind: 'activation_code', to: person.contact.phone }),
      password: 'mat-khau-2024',
    });
    reg = await smartca.registrations.submitEkyc(reg.id, ekycImages());
    await smartca.registrations.requestContract(reg.id);
    reg = await smartca.registrations.signContract(reg.id, {
      otp: latestCode(server, { kind: 'contract_otp', to: person.contact.phone }),
    });
    await server.sandbox.approveRegistration(reg.id);
    reg = await smartca.registrations.waitForStatus(reg.id, ['awaiting-acceptance', 'rejected'], { intervalMs: 50 });
    reg = await smartca.registrations.signAcceptance(reg.id);
    assert.equal(reg.status, 'completed');
    const tx = await portal.signatures.sign({
      userId: person.identity.idNumber,
      documents: [{ docId: 'DVC-42', digest: digestOf('tờ khai') }],
    });
    await tx.wait();
    const [balance] = await smartca.packages.balance({ userId: person.identity.idNumber });
    assert.deepEqual([balance?.billing, balance?.totalSignLimit, balance?.signedTurn], ['per-turn', 0, 0]);
  });
});
