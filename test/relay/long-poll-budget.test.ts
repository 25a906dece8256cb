import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { SandboxServer } from '@smartca-kit/sandbox/node';
import { clickPay } from '../support/commerce.js';
import { browserClient, startRelay, type RelayServer } from '../support/relay.js';
import { clientFor, digestOf, startSandbox, USERS } from '../support/sandbox.js';

// The budget (DESIGN §4): a pending transaction costs SmartCA at most about one status request a
// second, whatever the number of waiters. Twenty pages (or tabs, or a page's retries) long-polling
// one transaction through the relay used to poll SmartCA twenty times over: 80 status calls in 4 s.
// A counting fetch sits in front of the sandbox and counts what reaches it.

const WAITERS = 20;
const HOLD_SECONDS = 4;

describe('relay long polls: one upstream poll schedule per pending transaction or order, whatever the waiters', () => {
  let sandbox: SandboxServer;
  let relay: RelayServer;
  let other: RelayServer;
  const calls: string[] = [];
  const count = (pattern: RegExp, since: number) => calls.slice(since).filter((path) => pattern.test(path)).length;

  before(async () => {
    sandbox = await startSandbox();
    const client = clientFor(sandbox, 'sandbox-partner', {
      fetch: (input, init) => {
        calls.push(new URL(new Request(input, init).url).pathname);
        return fetch(input, init);
      },
    });
    relay = await startRelay(client);
    // A second instance behind the same load balancer: same secret, its own cache, same SmartCA.
    other = await startRelay(client);
  });
  after(async () => {
    await relay.close();
    await other.close();
    await sandbox.close();
  });

  /** Holds `WAITERS` calls at once for `HOLD_SECONDS`; returns the status calls per second they cost. */
  async function held(run: () => Promise<unknown>, pattern: RegExp): Promise<{ calls: number; seconds: number }> {
    const since = calls.length;
    const started = Date.now();
    await Promise.all(Array.from({ length: WAITERS }, run));
    return { calls: count(pattern, since), seconds: (Date.now() - started) / 1000 };
  }

  it(`${WAITERS} concurrent long polls on one transaction: ≤ 1 status call a second, plus one`, async () => {
    const page = browserClient(
      relay,
      await relay.relay.createSession({
        userId: USERS.cuong,
        documents: [{ docId: 'LP-1', digest: digestOf('LP-1') }],
      }),
    );
    const tx = await page.startSignature();
    const { calls: n, seconds } = await held(async () => {
      assert.equal((await page.signatureStatus(tx.id, { waitSeconds: HOLD_SECONDS })).status, 'pending');
    }, /\/signatures\/sign\/.+\/status$/);
    console.log(
      `${WAITERS} waiters on one transaction: ${n} upstream status calls in ${seconds.toFixed(1)} s ` +
        `(${(n / seconds).toFixed(2)}/s)`,
    );
    assert.ok(n <= seconds + 1, `${n} status calls in ${seconds.toFixed(1)} s`);
  });

  it(`${WAITERS} long polls on a transaction another instance started: one certificate lookup, one poll schedule`, async () => {
    const session = await relay.relay.createSession({
      userId: USERS.cuong,
      documents: [{ docId: 'LP-2', digest: digestOf('LP-2') }],
    });
    const tx = await browserClient(relay, session).startSignature();
    const elsewhere = browserClient(other, session);
    const since = calls.length;
    const { calls: n, seconds } = await held(
      () => elsewhere.signatureStatus(tx.id, { waitSeconds: HOLD_SECONDS }),
      /\/signatures\/sign\/.+\/status$/,
    );
    console.log(
      `${WAITERS} waiters on a resumed transaction: ${count(/get_certificate$/, since)} certificate lookup, ` +
        `${n} status calls in ${seconds.toFixed(1)} s`,
    );
    assert.equal(count(/get_certificate$/, since), 1, 'the concurrent resumes share one lookup');
    assert.ok(n <= seconds + 1, `${n} status calls in ${seconds.toFixed(1)} s`);
  });

  it('pages that do not wait (waitSeconds 0, many times a second) are answered from a poll under a second old', async () => {
    const page = browserClient(
      relay,
      await relay.relay.createSession({
        userId: USERS.cuong,
        documents: [{ docId: 'LP-3', digest: digestOf('LP-3') }],
      }),
    );
    const tx = await page.startSignature();
    const since = calls.length;
    const started = Date.now();
    while (Date.now() - started < 3000) {
      await Promise.all(Array.from({ length: WAITERS }, () => page.signatureStatus(tx.id, { waitSeconds: 0 })));
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const seconds = (Date.now() - started) / 1000;
    const n = count(/\/signatures\/sign\/.+\/status$/, since);
    console.log(`${WAITERS} pages asking every 100 ms without waiting: ${n} status calls in ${seconds.toFixed(1)} s`);
    assert.ok(n <= seconds + 1, `${n} status calls in ${seconds.toFixed(1)} s`);
  });

  it(`${WAITERS} concurrent long polls on one order: ≤ 1 order read a second, plus one; then all hear "paid"`, async () => {
    const page = browserClient(relay, await relay.relay.createSession({ userId: USERS.binh, purpose: 'purchase' }));
    const order = await page.createOrder({
      pricingCode: 'LK10',
      paymentMethod: 'vnpt-money',
      returnUrl: 'https://dichvucong.example.vn/',
    });
    const { calls: n, seconds } = await held(async () => {
      assert.equal((await page.orderStatus(order.id, { waitSeconds: HOLD_SECONDS })).status, 'pending');
    }, /\/orders\/get$/);
    console.log(`${WAITERS} waiters on one order: ${n} upstream order reads in ${seconds.toFixed(1)} s`);
    assert.ok(n <= seconds + 1, `${n} order reads in ${seconds.toFixed(1)} s`);

    const waiting = Promise.all(Array.from({ length: WAITERS }, () => page.orderStatus(order.id, { waitSeconds: 10 })));
    await clickPay(order.paymentUrl, 'approve');
    assert.deepEqual(
      new Set((await waiting).map((o) => o.status)),
      new Set(['paid']),
      'every waiter hears the payment',
    );
  });
});
