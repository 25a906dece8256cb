import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import type { SandboxServer } from '@smartca-kit/sandbox/node';
import { startSandbox } from './support/sandbox.js';

const run = promisify(execFile);

describe('examples/ run as a newcomer runs them', () => {
  let server: SandboxServer;
  before(async () => {
    server = await startSandbox({ autoApproveMs: 300 });
  });
  after(() => server.close());

  for (const example of ['sign-digest.mjs', 'webhook-receiver.mjs', 'sign-pdf.mjs']) {
    it(`${example} signs against the sandbox`, async () => {
      const { stdout } = await run(process.execPath, [new URL(`../examples/${example}`, import.meta.url).pathname],
        { env: { ...process.env, SMARTCA_ENDPOINT: server.url }, timeout: 30_000 });
      assert.match(stdout, /[Ss]igned/);
    });
  }
});
