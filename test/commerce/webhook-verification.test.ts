import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  createWebhookSignatureHeader,
  InvalidInputError,
  verifyWebhook,
  WebhookSignatureError,
  type WebhookFailure,
} from '@smartca-kit/sdk';

const SECRET = 'whsec-current-0001';
const OLD = 'whsec-previous-0001';
const event = (id = `evt_${crypto.randomUUID()}`) =>
  JSON.stringify({
    id,
    type: 'order.paid',
    createdAt: new Date().toISOString(),
    data: {
      order: {
        orderId: 'o-1',
        orderStatus: 'PAID',
        pricingCode: 'LK10',
        quantity: 1,
        amount: 50000,
        currency: 'VND',
        paymentMethod: 'VNPTMONEY',
        paymentUrl: 'http://127.0.0.1/pay/o-1',
        returnUrl: 'https://p.example/',
        uid: '001199000002',
        credentialId: 'c-1',
        registrationId: null,
        turnsAdded: 10,
        createdAt: new Date().toISOString(),
        paidAt: new Date().toISOString(),
        expiresAt: new Date().toISOString(),
      },
    },
  });
const now = () => Math.floor(Date.now() / 1000);
const refusedFor = (reason: WebhookFailure) => (e: unknown) =>
  e instanceof WebhookSignatureError && e.reason === reason;

// A fixed vector computed outside the SDK, with
//   printf '%s' "1767225600.delivery-kat-0001.$RAW" | openssl dgst -sha256 -hmac whsec-known-answer
// so the signature scheme is pinned by something other than the module that both signs and verifies.
const KAT = {
  raw:
    '{"id":"evt_kat_0001","type":"order.paid","createdAt":"2026-01-01T00:00:00.000Z","data":{"order":{"orderId":"o-kat",' +
    '"orderStatus":"PAID","pricingCode":"LK10","quantity":1,"amount":50000,"currency":"VND","paymentMethod":"VNPTMONEY",' +
    '"paymentUrl":"http://127.0.0.1/pay/o-kat","returnUrl":"https://p.example/","uid":"001199000002","credentialId":"c-1",' +
    '"registrationId":null,"turnsAdded":10,"createdAt":"2026-01-01T00:00:00.000Z","paidAt":"2026-01-01T00:00:00.000Z",' +
    '"expiresAt":"2026-01-01T00:15:00.000Z"}}}',
  secret: 'whsec-known-answer',
  header: 't=1767225600,d=delivery-kat-0001,v1=11dce4faa48ad7769e45b47f8f5ae7d3b7ab0ffaa0daabf7165fbdfd34f08444',
};

describe('verifyWebhook: a known-answer vector from openssl', () => {
  it('signs the vector to the exact header, and verifies it at its own time', async () => {
    assert.equal(await createWebhookSignatureHeader(KAT.raw, KAT.secret, 1767225600, 'delivery-kat-0001'), KAT.header);
    const verified = await verifyWebhook(
      KAT.raw,
      { 'smartca-signature': KAT.header },
      { secrets: KAT.secret, now: () => 1767225600 * 1000 + 5000 },
    );
    assert.equal(verified.id, 'evt_kat_0001');
    await assert.rejects(
      verifyWebhook(
        KAT.raw.replace('50000', '50001'),
        { 'smartca-signature': KAT.header },
        { secrets: KAT.secret, now: () => 1767225600 * 1000 },
      ),
      refusedFor('signature-mismatch'),
    );
  });
});

describe('verifyWebhook: HMAC-SHA256 over the raw body, timestamp tolerance, rotation, replays', () => {
  it('accepts a delivery signed with the current secret and returns the typed event', async () => {
    const raw = event();
    const header = await createWebhookSignatureHeader(raw, SECRET);
    const verified = await verifyWebhook(raw, { 'smartca-signature': header }, { secrets: SECRET });
    assert.equal(verified.type, 'order.paid');
    assert.equal(verified.type === 'order.paid' && verified.order.turnsAdded, 10);
  });

  it('accepts the raw body as bytes, and Fetch Headers', async () => {
    const raw = event();
    const headers = new Headers({ 'SmartCA-Signature': await createWebhookSignatureHeader(raw, SECRET) });
    const verified = await verifyWebhook(new TextEncoder().encode(raw), headers, { secrets: [SECRET] });
    assert.equal(verified.type, 'order.paid');
  });

  it('rotation: a signature by any configured secret is accepted; a sender signing with both works for both', async () => {
    const raw = event();
    const oldOnly = await createWebhookSignatureHeader(raw, OLD);
    await verifyWebhook(raw, { 'smartca-signature': oldOnly }, { secrets: [SECRET, OLD] });
    const both = await createWebhookSignatureHeader(raw, [SECRET, OLD]);
    await verifyWebhook(raw, { 'smartca-signature': both }, { secrets: [SECRET] });
    await assert.rejects(
      verifyWebhook(
        event(),
        { 'smartca-signature': await createWebhookSignatureHeader(event(), OLD) },
        { secrets: [SECRET] },
      ),
      refusedFor('signature-mismatch'),
    );
  });

  it('refuses a parsed object: the signature covers the exact bytes', async () => {
    const raw = event();
    const header = await createWebhookSignatureHeader(raw, SECRET);
    await assert.rejects(
      verifyWebhook(JSON.parse(raw) as never, { 'smartca-signature': header }, { secrets: SECRET }),
      (e: unknown) => e instanceof InvalidInputError && e.code === 'WEBHOOK_RAW_BODY_REQUIRED' && /raw/.test(e.message),
    );
  });

  it('refuses a signature moved to another delivery id', async () => {
    const raw = event();
    const header = await createWebhookSignatureHeader(raw, SECRET, now(), 'delivery-original');
    await assert.rejects(
      verifyWebhook(
        raw,
        { 'smartca-signature': header.replace('delivery-original', 'delivery-forged1') },
        { secrets: SECRET },
      ),
      refusedFor('signature-mismatch'),
    );
  });

  it('refuses a body changed after signing (even re-serialised JSON)', async () => {
    const raw = event();
    const header = await createWebhookSignatureHeader(raw, SECRET);
    const reformatted = JSON.stringify(JSON.parse(raw), null, 2);
    await assert.rejects(
      verifyWebhook(reformatted, { 'smartca-signature': header }, { secrets: SECRET }),
      refusedFor('signature-mismatch'),
    );
  });

  it('refuses a stale or future timestamp outside the tolerance', async () => {
    const raw = event();
    const stale = await createWebhookSignatureHeader(raw, SECRET, now() - 301);
    await assert.rejects(
      verifyWebhook(raw, { 'smartca-signature': stale }, { secrets: SECRET }),
      refusedFor('timestamp-out-of-tolerance'),
    );
    const future = await createWebhookSignatureHeader(raw, SECRET, now() + 120);
    await assert.rejects(
      verifyWebhook(raw, { 'smartca-signature': future }, { secrets: SECRET, toleranceSeconds: 60 }),
      refusedFor('timestamp-out-of-tolerance'),
    );
    await verifyWebhook(raw, { 'smartca-signature': stale }, { secrets: SECRET, toleranceSeconds: 600 });
  });

  it('refuses a replay of an accepted delivery, but accepts a fresh attempt of the same event', async () => {
    const raw = event('evt_replay-1');
    const header = await createWebhookSignatureHeader(raw, SECRET, now());
    await verifyWebhook(raw, { 'smartca-signature': header }, { secrets: SECRET });
    await assert.rejects(
      verifyWebhook(raw, { 'smartca-signature': header }, { secrets: SECRET }),
      refusedFor('replayed'),
    );
    // A retry by the sender, even in the same second, has its own delivery id: it verifies, and carries
    // the same event id to deduplicate on.
    const retry = await createWebhookSignatureHeader(raw, SECRET, now());
    const again = await verifyWebhook(raw, { 'smartca-signature': retry }, { secrets: SECRET });
    assert.equal(again.id, 'evt_replay-1');
  });

  it('refuses a missing or malformed header, and a signed body that is not an event', async () => {
    const raw = event();
    await assert.rejects(verifyWebhook(raw, {}, { secrets: SECRET }), refusedFor('missing-header'));
    const v1 = 'ab'.repeat(32);
    for (const header of [
      'garbage',
      `t=abc,d=delivery-1,v1=${v1}`,
      `t=${now()},d=delivery-1`,
      `t=${now()},d=delivery-1,v1=zz`,
      `t=${now()},v1=${v1}`,
      `t=${now()},d=bad id!,v1=${v1}`,
    ]) {
      await assert.rejects(
        verifyWebhook(raw, { 'smartca-signature': header }, { secrets: SECRET }),
        refusedFor('malformed-header'),
      );
    }
    const notEvent = '{"hello":"world"}';
    await assert.rejects(
      verifyWebhook(
        notEvent,
        { 'smartca-signature': await createWebhookSignatureHeader(notEvent, SECRET) },
        { secrets: SECRET },
      ),
      refusedFor('malformed-body'),
    );
  });

  it('refuses to run without a secret', async () => {
    await assert.rejects(
      verifyWebhook(event(), {}, { secrets: [] }),
      (e: unknown) => e instanceof Error && e.name === 'ConfigurationError',
    );
  });
});
