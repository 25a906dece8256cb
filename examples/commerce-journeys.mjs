// The two seed journeys against the sandbox, printing each step:
//   A. Trần Thị Bình (001199000002, 0 turns) buys a 10-turn pack and signs;
//   B. a new person registers for a personal certificate and signs with it.
//
//   npm run sandbox                           # terminal 1: the sandbox on http://127.0.0.1:8769 (npm start too)
//   node examples/commerce-journeys.mjs       # terminal 2
//
// The commerce API (packages, payments, registrations) is smartca-kit's extension: VNPT publishes no
// such partner API, so this runs against the sandbox. The script plays the user too: it reads the SMS
// codes from the sandbox's outbox, clicks the payment page's button, and plays VNPT-CA's appraiser
// through the admin API. A real integration shows those to the person instead.
import { createHash } from 'node:crypto';
import { deflateSync, crc32 } from 'node:zlib';
import { createSmartCA } from '@smartca-kit/sdk';

const endpoint = process.env.SMARTCA_ENDPOINT ?? 'http://127.0.0.1:8769';
const smartca = createSmartCA({
  environment: endpoint,
  credentials: { spId: 'sandbox-partner', spPassword: 'sandbox-secret' }, // SP769: signing
  gateway: { clientId: 'sandbox-partner', clientSecret: 'sandbox-secret' }, // commerce: partner token
  trustedRoots: [await (await fetch(`${endpoint}/_sandbox/ca.pem`)).text()],
});
const step = (text) => console.log(`  ${text}`);
const digest = (text) => createHash('sha256').update(text).digest();
const admin = (path, init) => fetch(`${endpoint}/_sandbox/${path}`, init).then((r) => r.json());
const latestCode = async (query) =>
  (await admin(`outbox?${new URLSearchParams(query)}`)).filter((m) => m.code).at(-1).code;
const approveInApp = async (userId) => {
  // The virtual phone: approve what waits for this user (or let --auto-approve do it).
  for (let i = 0; i < 100; i++) {
    const waiting = await fetch(`${endpoint}/phone/api/users/${userId}/transactions`).then((r) => r.json());
    for (const t of waiting) await fetch(`${endpoint}/phone/api/transactions/${t.tranId}/approve`, { method: 'POST' });
    if (waiting.length > 0) return;
    await new Promise((r) => setTimeout(r, 100));
  }
};
const pay = async (paymentUrl) => {
  const answer = await fetch(paymentUrl, {
    method: 'POST',
    redirect: 'manual',
    body: new URLSearchParams({ action: 'approve' }),
  });
  return new URL(answer.headers.get('location'));
};
const signAndApprove = async (params) => {
  const tx = await smartca.signatures.sign(params);
  void approveInApp(params.userId);
  return tx.wait();
};

console.log('Journey A: buying signing turns (001199000002, Trần Thị Bình)');
const binh = '001199000002';
const [before] = await smartca.packages.balance({ userId: binh });
step(`1. available turns: ${before.availableTurns}`);
const { turnPacks } = await smartca.packages.catalog();
const pack = turnPacks.find((p) => p.turns === 10);
step(`2. choose "${pack.name}" (${pack.pricingCode}) for ${pack.price.toLocaleString('vi-VN')} VND`);
const order = await smartca.payments.createOrder({
  userId: binh,
  pricingCode: pack.pricingCode,
  paymentMethod: 'vnpt-money',
  returnUrl: 'https://portal.example/paid',
});
step(`   order ${order.id}: pay at ${order.paymentUrl}`);
step(`   the payment page sends the user back to ${(await pay(order.paymentUrl)).href}`);
const paid = await smartca.payments.waitForOrder(order.id, { intervalMs: 200 });
step(`3. ${paid.status}: ${paid.turnsAdded} turns provisioned; app notification and email:`);
for (const m of await admin(`outbox?${new URLSearchParams({ orderId: order.id })}`))
  step(`   [${m.channel}] ${m.subject}`);
const [after] = await smartca.packages.balance({ userId: binh });
step(`4. available turns: ${after.availableTurns}`);
const signedA = await signAndApprove({ userId: binh, documents: [{ docId: 'HS-A-01', digest: digest('Tờ khai') }] });
step(
  `   signed HS-A-01 with ${signedA.certificate.serialNumber}; turns left: ${(await smartca.packages.balance({ userId: binh }))[0].availableTurns}`,
);

console.log('Journey B: registering a personal certificate');
const idNumber = `0010950${String(Date.now()).slice(-5)}`; // Hà Nội, a man born in 1995
const phone = `09${String(Date.now()).slice(-8)}`;
const person = {
  identity: { documentType: 'CCCD', idNumber, fullName: 'Nguyễn Văn Hoà', dateOfBirth: '1995-03-14', gender: 'male' },
  contact: { email: `hoa.${idNumber}@example.vn`, phone, address: '12 Tràng Tiền, Hoàn Kiếm, Hà Nội' },
  pricingCode: 'PS0',
  deviceId: `example-device-${idNumber}`,
};
let reg = await smartca.registrations.create(person);
step(`2–3. registration ${reg.id} with package ${reg.pricingCode}: ${reg.status}`);
for (const alt of reg.toneMarkAlternatives)
  step(`     note: "${alt.typed}" may be printed "${alt.alternative}" on the card; check it`);
step(`4. amount due: ${reg.amountDue} VND (the citizens' free year)`);
const code = await latestCode({ kind: 'activation_code', to: phone });
reg = await smartca.registrations.activate(reg.id, { code, password: 'mat-khau-2024' });
step(`5. activated with the SMS/email code: ${reg.status}`);
reg = await smartca.registrations.submitEkyc(reg.id, {
  front: png(640, 400, 200),
  back: png(640, 400, 90),
  face: png(300, 360, 150),
});
step(`   eKYC accepted: ${reg.status}`);
const contract = await smartca.registrations.requestContract(reg.id);
step(`   contract "${contract.title}"; OTP sent by SMS`);
reg = await smartca.registrations.signContract(reg.id, { otp: await latestCode({ kind: 'contract_otp', to: phone }) });
step(`   contract signed: ${reg.status}, certificate ${reg.certificateState.code} ${reg.certificateState.name}`);
await admin(`registrations/${reg.id}/approve`, { method: 'POST' });
reg = await smartca.registrations.retrieve(reg.id);
step(`6. VNPT-CA approved: ${reg.certificateState.code} ${reg.certificateState.name}, serial ${reg.serialNumber}`);
const approval = (
  await admin(`outbox?${new URLSearchParams({ registrationId: reg.id, kind: 'registration_approved' })}`)
)[0];
step(`   [${approval.channel}] ${approval.subject}`);
void approveInApp(idNumber);
reg = await smartca.registrations.signAcceptance(reg.id);
step(
  `   acceptance record signed and verified: ${reg.status}, ${reg.certificateState.code} ${reg.certificateState.name}`,
);
const portal = createSmartCA({
  environment: endpoint,
  credentials: { spId: 'sandbox-portal', spPassword: 'sandbox-secret' },
  trustedRoots: [await (await fetch(`${endpoint}/_sandbox/ca.pem`)).text()],
});
const tx = await portal.signatures.sign({
  userId: idNumber,
  documents: [{ docId: 'DVC-B-01', digest: digest('Đơn') }],
});
void approveInApp(idNumber);
const signedB = await tx.wait();
step(
  `   signed DVC-B-01 on a public-service portal (free) with ${signedB.certificate.commonName}, ${signedB.certificate.serialNumber}`,
);

/** A small greyscale PNG, standing in for a photo. */
function png(width, height, shade) {
  const chunk = (type, data) => {
    const head = Buffer.alloc(8);
    head.writeUInt32BE(data.length, 0);
    head.write(type, 4, 'ascii');
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
    return Buffer.concat([head, data, crc]);
  };
  const row = Buffer.alloc(width + 1, shade);
  row[0] = 0;
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 0, 0, 0, 0], 8);
  return new Uint8Array(
    Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      chunk('IHDR', ihdr),
      chunk('IDAT', deflateSync(Buffer.concat(Array.from({ length: height }, () => row)))),
      chunk('IEND', Buffer.alloc(0)),
    ]),
  );
}
