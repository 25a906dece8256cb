import assert from 'node:assert/strict';
import { fork, type ChildProcess } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { SandboxServer } from '@smartca-kit/sandbox/node';
import { rawRequest } from '../support/raw-http.js';
import { PORTAL } from '../support/relay.js';
import { startSandbox } from '../support/sandbox.js';

// Threat: memory exhaustion by request bodies. Twenty clients at once send a relay on the Node
// adapter either 100 MB each (chunked, generated as sent, never held by this test) or a body that
// trickles a byte every 300 ms. The relay runs in a child process, which samples its own RSS; the
// test checks that every client is answered 413 or 408, and that the child's peak RSS stays within
// a stated bound over its idle baseline. Before the fix the relay buffered every body whole: one such
// POST took the portal from 112 to 510 MB, and twenty would have taken gigabytes.

const CHILD = fileURLToPath(new URL('./memory-abuse-relay.child.ts', import.meta.url));
const CLIENTS = 20;
const OVERSIZED_BYTES = 100 * 1024 * 1024;
// Measured on a 2-core machine (three runs): the peak was 3–8 MB over an idle baseline of 135–145 MB
// (the stream buffers of 40 connections, 4 KiB read of each body, the error answers); before the fix
// the same run peaked 2,163 MB over it. 32 MB leaves room for a noisy machine and is still far below
// one buffered body.
const BOUND_OVER_BASELINE_MB = 32;

type Message = { kind: string; rss?: number; url?: string; session?: string };

describe('memory under abuse: 20 oversized and 20 slow bodies at once to a relay on the Node adapter', () => {
  let sandbox: SandboxServer;
  let child: ChildProcess;
  const inbox: Message[] = [];

  const next = (kind: string): Promise<Message> =>
    new Promise((resolve) => {
      const look = () => {
        const i = inbox.findIndex((m) => m.kind === kind);
        if (i >= 0) resolve(inbox.splice(i, 1)[0]!);
        else setTimeout(look, 10);
      };
      look();
    });

  before(async () => {
    sandbox = await startSandbox();
    child = fork(CHILD, [], {
      execArgv: ['--conditions=source', '--import', 'tsx', '--expose-gc'],
      stdio: 'inherit',
      env: { ...process.env, SANDBOX_URL: sandbox.url, SANDBOX_ROOT: sandbox.sandbox.rootCertificatePem, PORTAL },
    });
    child.on('message', (message: Message) => inbox.push(message));
  });
  after(async () => {
    child.send({ kind: 'exit' });
    await new Promise((resolve) => child.once('exit', resolve));
    await sandbox.close();
  });

  it(
    `every client gets 413 or 408, and the relay's RSS stays under ${BOUND_OVER_BASELINE_MB} MB over its baseline`,
    { timeout: 60_000 },
    async () => {
      const { url, session } = await next('ready');
      const headers = { origin: PORTAL, authorization: `Bearer ${session}`, 'content-type': 'application/json' };
      // A real transaction to hold the bodies against, and a warm-up so that the baseline is not a cold start.
      const start = await rawRequest(`${url}/v1/signatures`, { headers, body: { kind: 'text', text: '{}' } });
      assert.equal(start.status, 201, start.body);
      const path = `${new URL(url!).pathname}/v1/signatures/${encodeURIComponent(JSON.parse(start.body).transaction.id)}/status`;
      for (let i = 0; i < 5; i++) {
        await rawRequest(url!, { path, headers, body: { kind: 'generated', bytes: 1024 * 1024 } });
        await rawRequest(url!, { path, headers, body: { kind: 'text', text: '{"waitSeconds":0}' } });
      }
      child.send({ kind: 'baseline' });
      const baseline = (await next('baseline')).rss!;

      const started = Date.now();
      const answers = await Promise.all([
        ...Array.from({ length: CLIENTS }, () =>
          rawRequest(url!, { path, headers, body: { kind: 'generated', bytes: OVERSIZED_BYTES } }),
        ),
        ...Array.from({ length: CLIENTS }, () =>
          rawRequest(url!, { path, headers, body: { kind: 'trickle', first: '{"waitSeconds":', everyMs: 300 } }),
        ),
      ]);
      const seconds = (Date.now() - started) / 1000;
      child.send({ kind: 'peak' });
      const peak = (await next('peak')).rss!;

      const statuses = answers.map((a) => a.status);
      const sent = answers.slice(0, CLIENTS).reduce((sum, a) => sum + a.sent, 0);
      const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);
      console.log(
        `relay RSS: baseline ${mb(baseline)} MB, peak ${mb(peak)} MB (+${mb(peak - baseline)} MB, bound ` +
          `+${BOUND_OVER_BASELINE_MB} MB); ${CLIENTS} × 100 MB clients got to send ${mb(sent)} MB in all; ` +
          `${CLIENTS} slow clients; all answered in ${seconds.toFixed(1)} s`,
      );
      assert.deepEqual(statuses.slice(0, CLIENTS), Array(CLIENTS).fill(413), 'the oversized bodies');
      assert.deepEqual(statuses.slice(CLIENTS), Array(CLIENTS).fill(408), 'the slow bodies');
      assert.ok(
        peak - baseline < BOUND_OVER_BASELINE_MB * 1024 * 1024,
        `peak ${mb(peak)} MB is ${mb(peak - baseline)} MB over the baseline ${mb(baseline)} MB`,
      );
    },
  );
});
