import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { SandboxServer } from '@smartca-kit/sandbox/node';
import { RelayRequestError } from '@smartca-kit/sdk/relay-client';
import { browserClient, startRelay, type RelayServer } from '../support/relay.js';
import { clientFor, digestOf, startSandbox, USERS } from '../support/sandbox.js';

// SmartCA has no withdraw call: a request the citizen stopped waiting for stays approvable in the app
// until it expires, and approving it signs (and spends a turn). So a second try must read differently
// in the app, and a result that arrives for a cancelled try must reach neither the page nor the portal.
describe('relay: a cancelled try stays in the app, reads apart from the next one, and its result is never used', () => {
  let sandbox: SandboxServer;
  let relay: RelayServer;
  const finished: string[] = [];

  before(async () => {
    sandbox = await startSandbox({ transactionTtlSeconds: 60 });
    relay = await startRelay(clientFor(sandbox, 'sandbox-partner', { approvalWindowMs: 60_000 }), {
      onSigned: async ({ transactionId }) => {
        finished.push(transactionId);
        return undefined;
      },
    });
  });
  after(async () => {
    await relay.close();
    await sandbox.close();
  });

  const session = (text: string) =>
    relay.relay.createSession({
      userId: USERS.cuong,
      description: 'Tờ khai đăng ký khai sinh',
      documents: [{ docId: `HS-${text}`, digest: digestOf(text) }],
    });
  const shownInApp = async (id: string) => {
    const list = (await (await fetch(`${sandbox.url}/phone/api/users/${USERS.cuong}/transactions`)).json()) as {
      transactionId: string;
      tranId: string;
      description: string;
    }[];
    return list.find((t) => t.transactionId === id)!;
  };

  it('the second try is described "(lần 2)" in the app; the first keeps its description', async () => {
    const client = browserClient(relay, await session('two-tries'));
    const first = await client.startSignature({ attempt: 1 });
    await client.cancelSignature(first.id);
    const second = await client.startSignature({ attempt: 2 });
    assert.notEqual(second.id, first.id);
    assert.equal((await shownInApp(first.id)).description, 'Tờ khai đăng ký khai sinh');
    assert.equal((await shownInApp(second.id)).description, 'Tờ khai đăng ký khai sinh (lần 2)');
    await client.cancelSignature(second.id);
  });

  it('approving the cancelled try in the app: the relay still answers cancelled, and onSigned is not called', async () => {
    const client = browserClient(relay, await session('late-approval'));
    const tx = await client.startSignature();
    assert.equal((await client.cancelSignature(tx.id)).status, 'cancelled');
    await sandbox.sandbox.approve((await shownInApp(tx.id)).tranId);
    for (const waitSeconds of [0, 2]) {
      assert.equal((await client.signatureStatus(tx.id, { waitSeconds })).status, 'cancelled');
    }
    assert.deepEqual(
      finished.filter((id) => id === tx.id),
      [],
    );
  });

  it('a try approved before the cancel arrives is reported as signed, then and later', async () => {
    const client = browserClient(relay, await session('approved-first'));
    const tx = await client.startSignature();
    await sandbox.sandbox.approve((await shownInApp(tx.id)).tranId);
    assert.equal((await client.cancelSignature(tx.id)).status, 'signed');
    assert.equal((await client.signatureStatus(tx.id, { waitSeconds: 0 })).status, 'signed');
  });

  it('a try number outside 1..99 is a malformed body', async () => {
    const client = browserClient(relay, await session('bad-attempt'));
    for (const attempt of [0, 1.5, 100]) {
      const error = await client.startSignature({ attempt }).then(
        () => undefined,
        (e: unknown) => e,
      );
      assert.ok(
        error instanceof RelayRequestError && error.code === 'BAD_REQUEST',
        `attempt ${attempt}: ${String(error)}`,
      );
    }
  });
});

describe('relay: what the citizen reads is not what the developer reads', () => {
  let sandbox: SandboxServer;
  let relay: RelayServer;

  before(async () => {
    sandbox = await startSandbox();
    relay = await startRelay(clientFor(sandbox, 'sandbox-partner'));
  });
  after(async () => {
    await relay.close();
    await sandbox.close();
  });

  it('an unknown citizen ID: message "Không tìm thấy chứng thư số…", the credentials text only in detail', async () => {
    const client = browserClient(
      relay,
      await relay.relay.createSession({
        userId: '001099009999',
        documents: [{ docId: 'HS-unknown', digest: digestOf('unknown') }],
      }),
    );
    const error = await client.startSignature().then(
      () => undefined,
      (e: unknown) => e,
    );
    assert.ok(error instanceof RelayRequestError);
    assert.match(error.userMessages.vi, /^Không tìm thấy chứng thư số SmartCA của số CCCD này\./);
    assert.doesNotMatch(`${error.userMessages.vi} ${error.userMessages.en}`, /sp_id|sp_password|partner/i);
    assert.match(error.message, /sp_id\/sp_password/, 'the developers still get the exact cause');
  });
});
