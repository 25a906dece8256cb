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
      const { stdout } = await run(process.execPath, [new URL(`../examples/${example}`, import.meta.url).pathname], {
        env: { ...process.env, SMARTCA_ENDPOINT: server.url },
        timeout: 30_000,
      });
      assert.match(stdout, /[Ss]igned/);
    });
  }

  it('commerce-journeys.mjs runs seed journeys A and B against the sandbox, step by step', async () => {
    const { stdout } = await run(
      process.execPath,
      [new URL('../examples/commerce-journeys.mjs', import.meta.url).pathname],
      { env: { ...process.env, SMARTCA_ENDPOINT: server.url }, timeout: 60_000 },
    );
    assert.match(stdout, /Journey A[\s\S]*3\. paid: 10 turns provisioned[\s\S]*4\. available turns: 10/);
    assert.match(
      stdout,
      /Journey B[\s\S]*11 WAITING_APPROVE[\s\S]*7 WAITING_SIGN_ACCEPTANCE[\s\S]*completed, 0 VALID[\s\S]*signed DVC-B-01/,
    );
  });
});
