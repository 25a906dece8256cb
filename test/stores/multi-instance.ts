// Three relay processes behind a round-robin proxy, one sandbox behind a counting proxy, one real store:
// the threats of running many instances (a webhook at one instance while the page waits at another,
// instances polling SmartCA in parallel, a crash mid-wait, a restart forgetting replays and retries).
// Run on Redis (multi-instance-redis.test.ts) and PostgreSQL (multi-instance-postgres.test.ts).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { SandboxServer } from '@smartca-kit/sandbox/node';
import { createSessionToken } from '@smartca-kit/sdk/relay';
import { createRelayClient, RelayRequestError, type RelayClient } from '@smartca-kit/sdk/relay-client';
import { clickPay } from '../support/commerce.js';
import { startHttpProxy, type HttpProxy } from '../support/http-proxy.js';
import { PORTAL, SESSION_SECRET } from '../support/relay.js';
import type { InstanceConfig } from '../support/relay-instance.child.js';
import { startInstance, startInstances, type RelayInstance } from '../support/relay-instances.js';
import { eventually, randomDigest, startSandbox, USERS } from '../support/sandbox.js';

const WEBHOOK_SECRET = 'multi-instance-webhook-secret';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The store the instances share, and how to dispose of it. */
export interface SharedStoreSetup {
  store: InstanceConfig['store'];
  dispose(): Promise<void>;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

export function multiInstanceSuite(name: string, setup: () => Promise<SharedStoreSetup>): void {
  describe(`three relay instances on ${name}`, () => {
    let shared: SharedStoreSetup;
    let sandbox: SandboxServer;
    let smartcaView: HttpProxy;
    let balancer: HttpProxy;
    let instances: RelayInstance[] = [];
    let config: InstanceConfig;

    before(async () => {
      shared = await setup();
      balancer = await startHttpProxy([]);
      sandbox = await startSandbox({ webhookUrls: { 'sandbox-partner': `${balancer.url}/smartca/webhook` } });
      sandbox.sandbox.setCommerceWebhook('sandbox-partner', `${balancer.url}/events`, [WEBHOOK_SECRET]);
      smartcaView = await startHttpProxy([sandbox.url]);
      config = {
        sandboxUrl: smartcaView.url,
        rootPem: sandbox.sandbox.rootCertificatePem,
        sessionSecret: SESSION_SECRET,
        origin: PORTAL,
        webhookSecret: WEBHOOK_SECRET,
        store: shared.store,
      };
      instances = await startInstances(3, config);
      balancer.setBackends(instances.map((i) => i.url));
    });
    after(async () => {
      await Promise.all(instances.map((i) => i.kill()));
      await balancer.close();
      await smartcaView.close();
      await sandbox.close();
      await shared.dispose();
    });

    const client = (session: string): RelayClient =>
      createRelayClient({
        endpoint: `${balancer.url}/smartca`,
        session,
        fetch: (input, init) =>
          fetch(input, { ...init, headers: { ...Object.fromEntries(new Headers(init?.headers)), origin: PORTAL } }),
      });
    const signing = (docId: string) =>
      createSessionToken({
        secret: SESSION_SECRET,
        origins: [PORTAL],
        userId: USERS.cuong,
        documents: [{ docId, digest: randomDigest() }],
      });
    const statusCalls = (id: string) =>
      smartcaView.log.filter((r) => r.path.endsWith(`/signatures/sign/${encodeURIComponent(id)}/status`));
    const served = (path: string, since = 0) => balancer.log.find((r) => r.path.includes(path) && r.at >= since);

    it('a webhook landing on instance B answers the long poll held on instance A: p95 ≤ 300 ms over 20 transactions', async () => {
      const latencies: number[] = [];
      const polls: number[] = [];
      for (let i = 0; i < 20; i += 1) {
        const page = client(await signing(`MI-${i}`));
        const tx = await page.startSignature();
        const held = page.signatureStatus(tx.id, { waitSeconds: 20 });
        const holder = await eventually(() => served(`${tx.id}/status`));
        await sleep(200); // instance A resumes the transaction and listens on its channel
        const approved = performance.now();
        await sandbox.sandbox.approve(tx.id);
        const done = await held;
        latencies.push(performance.now() - approved);
        assert.equal(done.status, 'signed');
        assert.equal(done.result?.signatures[0]?.docId, `MI-${i}`);
        const webhook = served('/smartca/webhook', approved);
        assert.ok(
          webhook && webhook.backend !== holder.backend,
          'the webhook reached another instance than the long poll',
        );
        polls.push(statusCalls(tx.id).length);
      }
      const p95 = percentile(latencies, 95);
      console.log(
        `[${name}] webhook → long poll on another instance: p50 ${percentile(latencies, 50).toFixed(1)} ms, ` +
          `p95 ${p95.toFixed(1)} ms, max ${Math.max(...latencies).toFixed(1)} ms; SmartCA status calls per transaction: ` +
          `${(polls.reduce((a, b) => a + b, 0) / polls.length).toFixed(2)} (max ${Math.max(...polls)})`,
      );
      assert.ok(p95 <= 300, `p95 ${p95} ms`);
    });

    it('three long polls on three instances make one poll schedule at SmartCA, not three', async () => {
      const page = client(await signing('MI-schedule'));
      const tx = await page.startSignature();
      const started = balancer.log.length;
      const held = [0, 1, 2].map(() => page.signatureStatus(tx.id, { waitSeconds: 20 }));
      await eventually(
        () => balancer.log.slice(started).filter((r) => r.path.includes(`${tx.id}/status`)).length === 3 || undefined,
      );
      assert.equal(
        new Set(balancer.log.slice(started).map((r) => r.backend)).size,
        3,
        'one long poll on each instance',
      );
      await sleep(4500);
      await sandbox.sandbox.approve(tx.id);
      for (const done of await Promise.all(held)) assert.equal(done.status, 'signed');
      const calls = statusCalls(tx.id).map((r) => r.at);
      const gaps = calls.slice(1).map((at, i) => at - (calls[i] ?? 0));
      console.log(
        `[${name}] 3 waiters on 3 instances for 4.5 s: ${calls.length} status calls, smallest gap ` +
          `${Math.min(...gaps).toFixed(0)} ms (one schedule: ~4, gaps ≥ 425 ms; three: ~12)`,
      );
      assert.ok(calls.length >= 2 && calls.length <= 6, `${calls.length} status calls`);
      assert.ok(Math.min(...gaps) >= 350, `gaps ${gaps.map((g) => g.toFixed(0)).join(', ')} ms`);
    });

    it('the instance holding the long poll is killed mid-wait: the next long poll, on another, gets the result', async () => {
      const page = client(await signing('MI-kill'));
      const tx = await page.startSignature();
      const held = page.signatureStatus(tx.id, { waitSeconds: 20 });
      const holder = await eventually(() => served(`${tx.id}/status`));
      await eventually(() => statusCalls(tx.id).length > 0 || undefined); // it holds the poll lease now
      const killed = instances[holder.backend];
      assert.ok(killed);
      await killed.kill();
      await assert.rejects(held, (e: unknown) => e instanceof RelayRequestError || e instanceof TypeError);
      const since = performance.now();
      const next = page.signatureStatus(tx.id, { waitSeconds: 20 });
      const taker = await eventually(() => served(`${tx.id}/status`, since));
      assert.notEqual(taker.backend, holder.backend);
      await sleep(200);
      await sandbox.sandbox.approve(tx.id);
      const done = await next;
      assert.equal(done.status, 'signed');
      console.log(
        `[${name}] after the crash of the holder: signed ${(performance.now() - since).toFixed(0)} ms after the next long poll`,
      );
      // A new process in the dead one's place, for what follows.
      instances[holder.backend] = await startInstance(config);
      balancer.setBackends(instances.map((i) => i.url));
    });

    it('all instances restart: a replayed webhook is still refused, idempotent retries still get the first answer', async () => {
      const buyer = client(
        await createSessionToken({
          secret: SESSION_SECRET,
          origins: [PORTAL],
          userId: USERS.binh,
          purpose: 'purchase',
        }),
      );
      const choice = { pricingCode: 'LK10', paymentMethod: 'vnpt-money', returnUrl: `${PORTAL}/ho-so` } as const;
      const order = await buyer.createOrder(choice, { idempotencyKey: 'click-multi-0001' });
      const page = client(await signing('MI-restart'));
      const tx = await page.startSignature({ idempotencyKey: 'start-multi-0001' });
      // The sandbox pays the order and delivers `order.paid`, signed, to an instance, which accepts it.
      const since = performance.now();
      await clickPay(order.paymentUrl, 'approve');
      const delivery = await eventually(
        () => balancer.log.find((r) => r.path === '/events' && r.at >= since && r.status === 200),
        10_000,
      );

      await Promise.all(instances.map((i) => i.kill()));
      instances = await startInstances(3, config);
      balancer.setBackends(instances.map((i) => i.url));

      for (const instance of instances) {
        const replayed = await fetch(`${instance.url}/events`, {
          method: 'POST',
          body: new Uint8Array(delivery.body),
          headers: {
            'content-type': String(delivery.headers['content-type'] ?? 'application/json'),
            'smartca-signature': String(delivery.headers['smartca-signature']),
          },
        });
        assert.equal(replayed.status, 400);
        assert.equal(await replayed.text(), 'refused: replayed');
      }
      const creates = () => smartcaView.log.filter((r) => r.path.endsWith('/orders/create')).length;
      const signs = () => smartcaView.log.filter((r) => r.path.endsWith('/signatures/sign')).length;
      const [ordersBefore, signsBefore] = [creates(), signs()];
      const again = await buyer.createOrder(choice, { idempotencyKey: 'click-multi-0001' });
      assert.deepEqual(again, order, 'the first answer, word for word');
      const retried = await page.startSignature({ idempotencyKey: 'start-multi-0001' });
      assert.equal(retried.id, tx.id);
      assert.deepEqual(
        [creates(), signs()],
        [ordersBefore, signsBefore],
        'answered by the store: SmartCA was not asked again',
      );
    });
  });
}
