import assert from 'node:assert/strict';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { webhookInbox, type WebhookInbox } from '../support/commerce.js';
import { eventually, USERS } from '../support/sandbox.js';
import { LedgerClient, onDisk } from './support/ledger-client.js';
import { spawnSandbox, type ChildSandbox } from './support/spawn.js';

// Commerce events and their retries once lived only in memory: after a restart, an order.paid that got
// a 500 was never retried. The outbox is now part of the state: an event is on disk before its first
// attempt, each attempt's outcome and the next one's time are written, and a restart resumes them.
describe('the commerce event outbox survives a restart', () => {
  let inbox: WebhookInbox;
  let status = 500;
  const children: ChildSandbox[] = [];
  before(async () => {
    inbox = await webhookInbox(() => status);
  });
  after(async () => {
    for (const child of children) await child.kill();
    await inbox.close();
  });

  it('an order.paid that got a 500 is retried after kill -9 and a restart, with the same event id', async () => {
    const dataFile = join(mkdtempSync(join(tmpdir(), 'smartca-outbox-')), 'state.json');
    const options = { dataFile, commerceWebhookUrls: { 'sandbox-partner': inbox.url }, webhookRetryBaseMs: 400 };
    const first = await spawnSandbox(options);
    children.push(first);
    const client = new LedgerClient(first.url);
    const orderId = await client.createOrder(USERS.binh);
    let paidOnDiskAtFirstAttempt: boolean | undefined;
    const firstAttempt = eventually(() => {
      const found = inbox.received.find((d) => d.raw.includes(orderId) && d.raw.includes('order.paid'));
      // The event left only once the payment it announces was stored.
      if (found && paidOnDiskAtFirstAttempt === undefined) {
        paidOnDiskAtFirstAttempt =
          onDisk(dataFile).commerce!.orders.find((o) => o.orderId === orderId)?.status === 'PAID';
      }
      return found;
    });
    assert.equal(await client.pay(orderId), 'paid');
    const delivered = await firstAttempt;
    assert.equal(paidOnDiskAtFirstAttempt, true);
    // The failed attempt and the retry's time are written; kill before the retry is due.
    const pending = await eventually(() =>
      onDisk(dataFile).commerce!.pendingEvents?.find(
        (e) => e.raw.includes(orderId) && e.raw.includes('order.paid') && e.attempts === 1,
      ),
    );
    await first.kill();
    assert.ok(pending.nextAttemptAt > Date.now() - 1_000);

    status = 200;
    const seen = inbox.received.length;
    const second = await spawnSandbox(options);
    children.push(second);
    const retried = await eventually(
      () => inbox.received.slice(seen).find((d) => d.raw.includes(orderId) && d.raw.includes('order.paid')),
      5_000,
    );
    assert.equal(retried.headers['smartca-event-id'], delivered.headers['smartca-event-id'], 'same event id');
    assert.equal(retried.raw, delivered.raw, 'the same event, byte for byte');
    // Accepted: the entry leaves the outbox, on disk too.
    await eventually(
      () => (onDisk(dataFile).commerce!.pendingEvents ?? []).every((e) => e.eventId !== pending.eventId) || undefined,
    );
    assert.ok(existsSync(`${dataFile}.bak`), 'the previous state is kept as a backup');
  });

  it("SmartCA's own SP769 webhook stays send-once: a 500 is not retried and nothing is kept", async () => {
    const dataFile = join(mkdtempSync(join(tmpdir(), 'smartca-outbox-')), 'state.json');
    status = 500;
    const child = await spawnSandbox({
      dataFile,
      autoApproveMs: 20,
      webhookUrls: { 'sandbox-partner': inbox.url },
      webhookRetryBaseMs: 20,
    });
    children.push(child);
    const transactionId = crypto.randomUUID();
    await new LedgerClient(child.url).sign(USERS.cuong, transactionId);
    await eventually(() => inbox.received.find((d) => d.raw.includes(transactionId)));
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(inbox.received.filter((d) => d.raw.includes(transactionId)).length, 1);
    assert.deepEqual(onDisk(dataFile).commerce!.pendingEvents, []);
  });
});
