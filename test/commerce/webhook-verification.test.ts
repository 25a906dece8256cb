import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  createWebhookSignatureHeader, InvalidInputError, verifyWebhook, WebhookSignatureError, type WebhookFailure,
} from '@smartca-kit/sdk';

const SECRET = 'whsec-current-0001';
const OLD = 'whsec-previous-0001';
const event = (id = `evt_${crypto.randomUUID()}`) => JSON.stringify({ id, type: 'order.paid', createdAt: new Date().toISOString(),
  data: { order: { orderId: 'o-1', orderStatus: 'PAID', pricingCode: 'LK10', quantity: 1, amount: 50000, currency: 'VND',
    paymentMethod: 'VNPTMONEY', paymentUrl: 'http://127.0.0.1/pay/o-1', returnUrl: 'https://p.example/', uid: '001199000002',
    credentialId: 'c-1', registrationId: null, turnsAdded: 10, createdAt: new Date().toISOString(),
    paidAt: new Date().toISOString(), expiresAt: new Date().toISOString() } } });
const now = () => Math.floor(Date.now() / 1000);
const refusedFor = (reason: WebhookFailure) => (e: unknown) => e instanceof WebhookSignatureError && e.reason === reason;

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
    await assert.rejects(verifyWebhook(event(), { 'smartca-signature': await createWebhookSignatureHeader(event(), OLD) },
      { secrets: [SECRET] }), refusedFor('signature-mismatch'));
  });

  it('refuses a parsed object: the signature covers the exact bytes', async () => {
    const raw = event();
    const header = await createWebhookSignatureHeader(raw, SECRET);
    await assert.rejects(verifyWebhook(JSON.parse(raw) as never, { 'smartca-signature': header }, { secrets: SECRET }),
      (e: unknown) => e instanceof InvalidInputError && e.code === 'WEBHOOK_RAW_BODY_REQUIRED' && /raw/.test(e.message));
  });

  it('refuses a signature moved to another delivery id', async () => {
    const raw = event();
    const header = await createWebhookSignatureHeader(raw, SECRET, now(), 'delivery-original');
    await assert.rejects(verifyWebhook(raw, { 'smartca-signature': header.replace('delivery-original', 'delivery-forged1') },
      { secrets: SECRET }), refusedFor('signature-mismatch'));
  });

  it('refuses a body changed after signing (even re-serialised JSON)', async () => {
    const raw = event();
    const header = await createWebhookSignatureHeader(raw, SECRET);
    const reformatted = JSON.stringify(JSON.parse(raw), null, 2);
    await assert.rejects(verifyWebhook(reformatted, { 'smartca-signature': header }, { secrets: SECRET }),
      refusedFor('signature-mismatch'));
  });

  it('refuses a stale or future timestamp outside the tolerance', async () => {
    const raw = event();
    const stale = await createWebhookSignatureHeader(raw, SECRET, now() - 301);
    await assert.rejects(verifyWebhook(raw, { 'smartca-signature': stale }, { secrets: SECRET }),
      refusedFor('timestamp-out-of-tolerance'));
    const future = await createWebhookSignatureHeader(raw, SECRET, now() + 120);
    await assert.rejects(verifyWebhook(raw, { 'smartca-signature': future }, { secrets: SECRET, toleranceSeconds: 60 }),
      refusedFor('timestamp-out-of-tolerance'));
    await verifyWebhook(raw, { 'smartca-signature': stale }, { secrets: SECRET, toleranceSeconds: 600 });
  });

  it('refuses a replay of an accepted delivery, but accepts a fresh attempt of the same event', async () => {
    const raw = event('evt_replay-1');
    const header = await createWebhookSignatureHeader(raw, SECRET, now());
    await verifyWebhook(raw, { 'smartca-signature': header }, { secrets: SECRET });
    await assert.rejects(verifyWebhook(raw, { 'smartca-signature': header }, { secrets: SECRET }), refusedFor('replayed'));
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
    for (const header of ['garbage', `t=abc,d=delivery-1,v1=${v1}`, `t=${now()},d=delivery-1`, `t=${now()},d=delivery-1,v1=zz`,
      `t=${now()},v1=${v1}`, `t=${now()},d=bad id!,v1=${v1}`]) {
      await assert.rejects(verifyWebhook(raw, { 'smartca-signature': header }, { secrets: SECRET }), refusedFor('malformed-header'));
    }
    const notEvent = '{"hello":"world"}';
    await assert.rejects(verifyWebhook(notEvent, { 'smartca-signature': await createWebhookSignatureHeader(notEvent, SECRET) },
      { secrets: SECRET }), refusedFor('malformed-body'));
  });

  it('refuses to run without a secret', async () => {
    await assert.rejects(verifyWebhook(event(), {}, { secrets: [] }), (e: unknown) => e instanceof Error && e.name === 'ConfigurationError');
  });
});
