import assert from 'node:assert/strict';
import { once } from 'node:events';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { createSandbox } from '@smartca-kit/sandbox';
import { SECRET, startSandbox, USERS } from '../support/sandbox.js';
import { LedgerClient, onDisk } from './support/ledger-client.js';
import { spawnSandbox, type ChildSandbox } from './support/spawn.js';

const freshFile = () => join(mkdtempSync(join(tmpdir(), 'smartca-durable-')), 'state.json');
const certOf = (file: string, userId: string) =>
  onDisk(file).certificates.find((c) => c.userId === userId && c.serviceType === 'SMARTCA')!;

// With --data, the sandbox once wrote its state 50 ms after a change but answered at once: a kill -9
// right after paying lost the payment, and the order could be paid again under a new event id.
// Whatever it acknowledges is now on disk before the answer leaves.
describe('acknowledged means durable', () => {
  // One state file for the kill tests (a new one costs a CA and keys); each test uses its own user.
  const dataFile = freshFile();
  const children: ChildSandbox[] = [];
  after(async () => {
    for (const child of children) await child.kill();
  });
  const start = async (options: Parameters<typeof spawnSandbox>[0]) => {
    const child = await spawnSandbox(options);
    children.push(child);
    return child;
  };

  it('a payment the pay page acknowledged survives kill -9 at once, and is not paid again after', async () => {
    const first = await start({ dataFile });
    const client = new LedgerClient(first.url);
    const before = certOf(dataFile, USERS.binh).pack.totalSignLimit;
    const orderId = await client.createOrder(USERS.binh);
    assert.equal(await client.pay(orderId), 'paid');
    await first.kill();

    const order = onDisk(dataFile).commerce!.orders.find((o) => o.orderId === orderId);
    assert.equal(order?.status, 'PAID', 'on disk when the 303 left');
    assert.equal(certOf(dataFile, USERS.binh).pack.totalSignLimit, before + 10);

    const second = await start({ dataFile });
    assert.equal(await new LedgerClient(second.url).pay(orderId), 'paid', 'the page shows it paid, not payable');
    await second.kill();
    assert.equal(certOf(dataFile, USERS.binh).pack.totalSignLimit, before + 10, 'provisioned once');
    assert.equal(onDisk(dataFile).commerce!.usage.filter((u) => u.orderId === orderId).length, 1);
  });

  it('a signature the phone acknowledged survives kill -9 at once, with its turn charged once', async () => {
    const child = await start({ dataFile });
    const client = new LedgerClient(child.url);
    const tranId = await client.sign(USERS.an);
    assert.equal(await client.approve(tranId), 'signed');
    await child.kill();
    const tx = onDisk(dataFile).transactions.find((t) => t.tranId === tranId);
    assert.equal(tx?.status, 'signed');
    assert.equal(tx?.signatures?.length, 1);
    assert.deepEqual([certOf(dataFile, USERS.an).pack.signedTurn, certOf(dataFile, USERS.an).pack.reserved], [1, 0]);
  });

  it('a change made by a timer (auto-approve) is on disk before its webhook announces it', async () => {
    let onWebhook: (body: string) => void = () => {};
    const receiver = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk));
      req.on('end', () => {
        onWebhook(body);
        res.end();
      });
    });
    receiver.listen(0, '127.0.0.1');
    await once(receiver, 'listening');
    try {
      const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
      const child = await start({ dataFile, autoApproveMs: 50, webhookUrls: { 'sandbox-partner': url } });
      const heard = new Promise<string>((resolve) => {
        onWebhook = (body) => {
          // What the partner was just told must already be on disk: kill before answering.
          child.child.kill('SIGKILL');
          resolve(body);
        };
      });
      const tranId = await new LedgerClient(child.url).sign(USERS.cuong);
      assert.equal(JSON.parse(await heard).message, 'SUCCESS');
      await child.kill();
      assert.equal(onDisk(dataFile).transactions.find((t) => t.tranId === tranId)?.status, 'signed');
    } finally {
      receiver.close();
    }
  });

  it("two sandboxes writing one file never clobber each other's temp file", async () => {
    const shared = freshFile();
    const [a, b] = [await startSandbox({ dataFile: shared }), await startSandbox({ dataFile: shared })];
    try {
      const price = (url: string, i: number) =>
        fetch(`${url}/_sandbox/pricing/LK10`, { method: 'PUT', body: JSON.stringify({ price: i }) }).then(
          (r) => r.status,
        );
      const statuses = await Promise.all(Array.from({ length: 80 }, (_, i) => price(i % 2 ? a.url : b.url, i)));
      assert.ok(
        statuses.every((s) => s === 200),
        `every write succeeded: ${statuses.filter((s) => s !== 200).join(', ')}`,
      );
    } finally {
      await a.close();
      await b.close();
    }
    assert.doesNotThrow(() => JSON.parse(readFileSync(shared, 'utf8')), 'the file is whole');
    assert.deepEqual(
      readdirSync(join(shared, '..')).filter((name) => name.endsWith('.tmp')),
      [],
      `no temp file left in ${shared}`,
    );
  });

  it('concurrent changes share writes (group commit), and each answer waits for a write that holds it', async () => {
    const snapshots: string[] = [];
    let writing = 0;
    let overlapped = false;
    const sandbox = await createSandbox({
      persist: async (snapshot) => {
        overlapped ||= writing > 0;
        writing += 1;
        await new Promise((r) => setTimeout(r, 15));
        snapshots.push(snapshot);
        writing -= 1;
      },
    });
    try {
      const writesAtStart = snapshots.length;
      const answers = await Promise.all(
        Array.from({ length: 60 }, async (_, i) => {
          const id = `group-${i}`;
          const response = await sandbox.fetch(
            new Request('http://sandbox.test/sca/sp769/v1/signatures/sign', {
              method: 'POST',
              headers: { 'content-type': 'application/json' },
              body: JSON.stringify({
                sp_id: 'sandbox-partner',
                sp_password: SECRET,
                user_id: USERS.cuong,
                transaction_id: id,
                sign_files: [{ doc_id: 'd', data_to_be_signed: 'ab'.repeat(32), sign_type: 'hash' }],
              }),
            }),
          );
          // At the moment the answer arrives, a finished write already holds this transaction.
          const stored = snapshots.some((s) => s.includes(`"transactionId": "${id}"`));
          return { status: response.status, stored };
        }),
      );
      assert.ok(
        answers.every((a) => a.status === 200 && a.stored),
        'every answer followed its write',
      );
      const writes = snapshots.length - writesAtStart;
      console.log(`group commit: 60 concurrent signature requests, ${writes} write${writes === 1 ? '' : 's'}`);
      assert.ok(writes <= 12, `${writes} writes for 60 requests`);
      assert.equal(overlapped, false, 'one write at a time');
    } finally {
      sandbox.close();
    }
  });
});
