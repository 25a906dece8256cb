import assert from 'node:assert/strict';
import { once } from 'node:events';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { SECRET, USERS } from '../support/sandbox.js';
import { rawRequest, repeated, trickle, type RawAnswer } from './support/raw-http.js';
import { spawnSandbox, type ChildSandbox } from './support/spawn.js';

const MB = 1_000_000;
/**
 * The bound on the sandbox's peak RSS above its idle RSS while 20 hostile bodies arrive at once. Each
 * route holds at most its 1 MiB limit plus a few 64 KiB chunks in flight; the rest is V8 and socket
 * buffers. Measured on a 2-core machine: +17-22 MB with the Node adapter holding uploads back, +35-37
 * MB with one that queues everything it receives (the sandbox drains refused bodies itself); about
 * twice that is the bound. Before the limit was enforced while streaming: +1.8 GB.
 */
const RSS_BOUND_MB = 80;
const BODY_TIMEOUT_MS = 1_500;

// Memory under abuse: 14 bodies of 100 MB, chunked (no Content-Length to refuse them by), and 6 that
// trickle in a byte every 100 ms, all at once, across the surfaces. The sandbox runs in a child
// process so that its RSS is its own; the test streams the bodies from generators, holding none.
describe('memory under abuse: 20 oversized or slow bodies at once', () => {
  let sandbox: ChildSandbox;
  let userToken: string;
  let partnerToken: string;
  before(async () => {
    // With --data, as the CLI runs it: mutating routes read their body before they run.
    const dataFile = join(mkdtempSync(join(tmpdir(), 'smartca-abuse-')), 'state.json');
    sandbox = await spawnSandbox({ dataFile, bodyTimeoutMs: BODY_TIMEOUT_MS }, true);
    const token = async (form: Record<string, string>) =>
      (
        await (
          await fetch(`${sandbox.url}/auth/token`, {
            method: 'POST',
            body: new URLSearchParams({ client_id: 'sandbox-partner', client_secret: SECRET, ...form }),
          })
        ).json()
      ).access_token as string;
    userToken = await token({ grant_type: 'password', username: USERS.cuong, password: 'sandbox-password' });
    partnerToken = await token({ grant_type: 'client_credentials', scope: 'commerce' });
  });
  after(() => sandbox.kill());

  const ask = async (message: string) => {
    sandbox.child.send(message);
    const [answer] = (await once(sandbox.child, 'message')) as [{ rss: number; peak?: number }];
    return answer;
  };

  it(
    `keeps the sandbox within ${RSS_BOUND_MB} MB of its idle RSS and answers each with 413 or 408`,
    { timeout: 120_000 },
    async () => {
      const json = { 'content-type': 'application/json' };
      const targets: Array<[string, Record<string, string>, string?]> = [
        ['/sca/sp769/v1/signatures/sign', json],
        ['/sca/sp769/v1/signatures/sign', json],
        ['/sca/sp769/v1/credentials/get_certificate', json],
        ['/auth/token', { 'content-type': 'application/x-www-form-urlencoded' }],
        ['/auth/token', { 'content-type': 'application/x-www-form-urlencoded' }],
        ['/csc/credentials/list', { ...json, authorization: `Bearer ${userToken}` }],
        ['/csc/signature/signhash', { ...json, authorization: `Bearer ${userToken}` }],
        [
          '/commerce/v1/orders/create',
          { ...json, authorization: `Bearer ${partnerToken}`, 'idempotency-key': 'abuse-1' },
        ],
        ['/commerce/v1/balance', { ...json, authorization: `Bearer ${partnerToken}` }],
        ['/_sandbox/partners/sandbox-partner/webhook', json, 'PUT'],
        ['/_sandbox/pricing/LK10', json, 'PUT'],
        ['/_sandbox/registrations/x/reject', json],
        ['/sca/sp769/v2/signatures/sign', json],
        ['/rest/v2/signature/signExternal', json],
      ];
      const slow: Array<[string, Record<string, string>, string?]> = [
        ['/sca/sp769/v1/signatures/sign', json],
        ['/auth/token', { 'content-type': 'application/x-www-form-urlencoded' }],
        ['/csc/credentials/list', { ...json, authorization: `Bearer ${userToken}` }],
        [
          '/commerce/v1/orders/create',
          { ...json, authorization: `Bearer ${partnerToken}`, 'idempotency-key': 'abuse-2' },
        ],
        ['/_sandbox/partners/sandbox-partner/webhook', json, 'PUT'],
        ['/sca/sp769/v2/signatures/confirm', json],
      ];
      // Warm up every route once, so that the idle RSS includes the code the abuse runs.
      for (const [path, headers, method] of [...targets, ...slow]) {
        await rawRequest(sandbox.url, path, { method, headers, chunks: () => [new TextEncoder().encode('{}')] });
      }
      const idle = (await ask('reset-peak')).rss;

      const answers: RawAnswer[] = await Promise.all([
        ...targets.map(([path, headers, method]) =>
          rawRequest(sandbox.url, path, { method, headers, chunks: () => repeated(100 * MB) }),
        ),
        ...slow.map(([path, headers, method]) =>
          rawRequest(sandbox.url, path, {
            method,
            headers,
            chunks: () => trickle(new TextEncoder().encode('{"a":"'), 100, 10_000),
          }),
        ),
      ]);
      const { peak } = await ask('memory');
      const above = (peak! - idle) / MB;
      const sent = answers.slice(0, targets.length).reduce((sum, a) => sum + a.sentWhenAnswered, 0) / MB;
      console.log(
        `memory under abuse: idle RSS ${(idle / MB).toFixed(0)} MB, peak ${(peak! / MB).toFixed(0)} MB ` +
          `(+${above.toFixed(0)} MB, bound +${RSS_BOUND_MB} MB); ${targets.length} × 100 MB bodies refused after ` +
          `${(sent / targets.length).toFixed(1)} MB each on average, ${slow.length} slow bodies refused at ${BODY_TIMEOUT_MS} ms`,
      );
      assert.deepEqual(
        answers.map((a) => a.status),
        [...targets.map(() => 413), ...slow.map(() => 408)],
      );
      assert.ok(above < RSS_BOUND_MB, `peak RSS +${above.toFixed(0)} MB over idle`);

      const healthy = await fetch(`${sandbox.url}/_sandbox`);
      assert.equal(healthy.status, 200, 'and it still serves');
    },
  );
});
