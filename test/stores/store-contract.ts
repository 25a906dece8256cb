// The one contract every SmartCAStore back end passes, run by memory-store.test.ts, redis-store.test.ts
// and postgres-store.test.ts. `peer` is a second store on the same back end, as another process would
// open it (for memory, the same store: it is not shared by design).
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { StoreError, type SmartCAStore } from '@smartca-kit/sdk';

/** Two stores on one back end, and how to dispose of them. */
export interface ContractSubject {
  store: SmartCAStore;
  peer: SmartCAStore;
  dispose(): Promise<void>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const key = (what: string) => `${what}-${randomUUID()}`;

/** A promise of the next `count` messages `store` hears on `id`, and the subscription. */
async function hear(store: SmartCAStore, id: string, count = 1) {
  const heard: string[] = [];
  let done: (value: string[]) => void = () => {};
  const all = new Promise<string[]>((resolve) => {
    done = resolve;
  });
  const subscription = await store.transactions.subscribe(id, (message) => {
    heard.push(message);
    if (heard.length === count) done(heard);
  });
  return { all, heard, subscription };
}

export function storeContract(name: string, open: () => Promise<ContractSubject>): void {
  describe(`store contract: ${name}`, () => {
    let subject: ContractSubject;
    let store: SmartCAStore;
    let peer: SmartCAStore;
    before(async () => {
      subject = await open();
      ({ store, peer } = subject);
    });
    after(() => subject.dispose());

    it('idempotency: the first begin owns the key; retries see it started, then done with the first answer', async () => {
      const k = key('idem');
      const first = await store.idempotency.begin(k, 'fp-1', 60_000);
      assert.equal(first.acquired, true);
      const during = await peer.idempotency.begin(k, 'fp-1', 60_000);
      assert.deepEqual(during, {
        acquired: false,
        record: { state: 'started', fingerprint: 'fp-1', response: undefined },
      });
      await store.idempotency.finish(k, first.acquired ? first.owner : '', '{"order":1}', 60_000);
      const later = await peer.idempotency.begin(k, 'fp-1', 60_000);
      assert.deepEqual(later, {
        acquired: false,
        record: { state: 'done', fingerprint: 'fp-1', response: '{"order":1}' },
      });
    });

    it('idempotency: twenty concurrent begins on one key, from two stores, make one owner', async () => {
      const k = key('race');
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) => (i % 2 ? peer : store).idempotency.begin(k, 'fp', 60_000)),
      );
      assert.equal(results.filter((r) => r.acquired).length, 1);
    });

    it('idempotency: abandon frees the key for a retry; only its owner can abandon or finish it', async () => {
      const k = key('abandon');
      const first = await store.idempotency.begin(k, 'fp', 60_000);
      assert.ok(first.acquired);
      await peer.idempotency.abandon(k, 'someone-else');
      await peer.idempotency.finish(k, 'someone-else', 'forged', 60_000);
      assert.deepEqual(await store.idempotency.begin(k, 'fp', 60_000), {
        acquired: false,
        record: { state: 'started', fingerprint: 'fp', response: undefined },
      });
      await store.idempotency.abandon(k, first.owner);
      assert.equal((await peer.idempotency.begin(k, 'fp', 60_000)).acquired, true);
    });

    it('idempotency: a caller-chosen owner takes its own started record again, and can give it back', async () => {
      const k = key('owner');
      assert.deepEqual(await store.idempotency.begin(k, 'fp', 60_000, 'owner-1'), { acquired: true, owner: 'owner-1' });
      // The same begin again (its first answer was lost): still that owner's, from either store.
      assert.deepEqual(await peer.idempotency.begin(k, 'fp', 60_000, 'owner-1'), { acquired: true, owner: 'owner-1' });
      assert.equal((await peer.idempotency.begin(k, 'fp', 60_000, 'owner-2')).acquired, false);
      await peer.idempotency.abandon(k, 'owner-1');
      assert.equal((await store.idempotency.begin(k, 'fp', 60_000, 'owner-2')).acquired, true);
    });

    it('idempotency: a started record expires, so a request that died frees its key', async () => {
      const k = key('ttl');
      assert.equal((await store.idempotency.begin(k, 'fp', 150)).acquired, true);
      await sleep(400);
      assert.equal((await peer.idempotency.begin(k, 'fp', 60_000)).acquired, true);
    });

    it('deliveries: a key is claimed once, by one of twenty concurrent claimants, until it expires', async () => {
      const k = key('delivery');
      const claims = await Promise.all(
        Array.from({ length: 20 }, (_, i) => (i % 2 ? peer : store).deliveries.claim(k, 300)),
      );
      assert.equal(claims.filter(Boolean).length, 1);
      assert.equal(await store.deliveries.claim(k, 300), false);
      await sleep(600);
      assert.equal(await peer.deliveries.claim(k, 300), true);
    });

    it('transactions: a state is read back by the other store, replaced by the next put, and expires', async () => {
      const id = key('tx');
      assert.equal(await store.transactions.get(id), undefined);
      await store.transactions.put(id, 'one', 60_000);
      assert.equal(await peer.transactions.get(id), 'one');
      await peer.transactions.put(id, 'two', 200);
      assert.equal(await store.transactions.get(id), 'two');
      await sleep(450);
      assert.equal(await store.transactions.get(id), undefined);
    });

    it('transactions: a message reaches every subscriber, on both stores, from the moment subscribe resolves', async () => {
      const id = key('wake');
      const here = await hear(store, id, 2);
      const there = await hear(peer, id, 2);
      const other = await hear(peer, key('other'));
      await store.transactions.publish(id, 'first');
      await peer.transactions.publish(id, 'second');
      const timeout = sleep(3000).then(() => ['timed out']);
      assert.deepEqual([...(await Promise.race([here.all, timeout]))].sort(), ['first', 'second']);
      assert.deepEqual([...(await Promise.race([there.all, timeout]))].sort(), ['first', 'second']);
      assert.deepEqual(other.heard, []);
      await Promise.all([here, there, other].map((h) => h.subscription.unsubscribe()));
    });

    it('transactions: a message of 64 KiB (50 signatures) arrives whole; an unsubscribed listener hears nothing', async () => {
      const id = key('big');
      const big = 'x'.repeat(64 * 1024);
      const listening = await hear(peer, id);
      const leaving = await hear(peer, id);
      await leaving.subscription.unsubscribe();
      await store.transactions.publish(id, big);
      const [message] = await Promise.race([listening.all, sleep(3000).then(() => ['timed out'])]);
      assert.equal(message?.length, big.length);
      await sleep(100);
      assert.deepEqual(leaving.heard, []);
      await listening.subscription.unsubscribe();
    });

    it('leases: one holder at a time; renew keeps it; a later grant has a larger fence', async () => {
      const name = key('lease');
      const first = await store.leases.acquire(name, 60_000);
      assert.ok(first);
      assert.equal(await peer.leases.acquire(name, 60_000), undefined);
      assert.equal(await store.leases.renew(first, 60_000), true);
      await store.leases.release(first);
      const second = await peer.leases.acquire(name, 60_000);
      assert.ok(second && second.fence > first.fence, `fence ${second?.fence} after ${first.fence}`);
      assert.equal(await store.leases.renew(first, 60_000), false, 'a stale fence renews nothing');
      await store.leases.release(first);
      assert.equal(await store.leases.acquire(name, 60_000), undefined, 'a stale release frees nothing');
      await peer.leases.release(second);
    });

    it('leases: an expired lease goes to the next caller, and its old holder can no longer renew it', async () => {
      const name = key('expiry');
      const first = await store.leases.acquire(name, 150);
      assert.ok(first);
      await sleep(400);
      const second = await peer.leases.acquire(name, 60_000);
      assert.ok(second && second.fence > first.fence);
      assert.equal(await store.leases.renew(first, 60_000), false);
      await peer.leases.release(second);
    });

    it('leases: twenty concurrent acquires from two stores grant one lease', async () => {
      const name = key('race-lease');
      const grants = await Promise.all(
        Array.from({ length: 20 }, (_, i) => (i % 2 ? peer : store).leases.acquire(name, 60_000)),
      );
      assert.equal(grants.filter(Boolean).length, 1);
    });

    it('a closed store refuses every call with StoreError STORE_CLOSED', async () => {
      const extra = await open();
      await extra.store.close();
      await assert.rejects(
        extra.store.deliveries.claim(key('closed'), 1000),
        (e: unknown) => e instanceof StoreError && e.code === 'STORE_CLOSED',
      );
      await extra.dispose();
    });
  });
}
