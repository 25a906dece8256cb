// A batch journaled in a real Redis and a real PostgreSQL, its process killed with SIGKILL while
// SmartCA waits for approval, then started again (as another instance would): every document is signed
// once, and SmartCA never sees a second transaction for the same group.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { verifyPdf } from '@smartca-kit/documents';
import { migratePostgresStore, createPostgresStore } from '@smartca-kit/sdk/store-postgres';
import type { SandboxServer } from '@smartca-kit/sandbox/node';
import type { BatchRunConfig } from '../support/batch-run.child.js';
import { simplePdf } from '../support/pdf-fixtures.js';
import { eventually, startSandbox, USERS } from '../support/sandbox.js';
import { postgresForTests, redisForTests } from '../support/store-servers.js';
import { tempDir } from '../support/validators.js';

const CHILD = fileURLToPath(new URL('../support/batch-run.child.ts', import.meta.url));

interface PhoneTransaction {
  tranId: string;
  status: string;
  documents: Array<{ docId: string }>;
}

function run(config: BatchRunConfig) {
  const child = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', CHILD], {
    env: { ...process.env, SMARTCA_BATCH_RUN: JSON.stringify(config) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  const done = new Promise<{ code: number | null; signal: string | null; stdout: string; stderr: string }>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })),
  );
  return { done, kill: () => child.kill('SIGKILL') };
}

for (const kind of ['redis', 'postgres'] as const) {
  describe(`a batch resumed from ${kind} after kill -9`, () => {
    let sandbox: SandboxServer;
    let server: { url: string; stop(): Promise<void> };
    before(async () => {
      sandbox = await startSandbox();
      server = kind === 'redis' ? await redisForTests() : await postgresForTests();
      if (kind === 'postgres') {
        const store = createPostgresStore({ connectionString: server.url });
        await migratePostgresStore(store.pool);
        await store.close();
      }
    });
    after(async () => {
      sandbox.close();
      await server.stop();
    });

    const transactions = async (status = 'all'): Promise<PhoneTransaction[]> =>
      (await (
        await fetch(`${sandbox.url}/phone/api/users/${USERS.cuong}/transactions?status=${status}`)
      ).json()) as PhoneTransaction[];

    it('signs every document once, in one transaction per group', async () => {
      const inDir = tempDir();
      const outDir = tempDir();
      const pdf = await simplePdf();
      const names = ['1.pdf', '2.pdf', '3.pdf', '4.pdf', '5.pdf'];
      for (const name of names) writeFileSync(join(inDir, name), pdf);
      const config: BatchRunConfig = {
        store: kind,
        storeUrl: server.url,
        prefix: `smartca-test-${randomUUID()}:`,
        sandboxUrl: sandbox.url,
        rootPem: sandbox.sandbox.rootCertificatePem,
        userId: USERS.cuong,
        inDir,
        outDir,
        batchId: `resume-${randomUUID()}`,
      };

      const first = run(config);
      const group1 = await eventually(async () => (await transactions('pending'))[0], 20_000);
      first.kill();
      assert.equal((await first.done).signal, 'SIGKILL');
      await sandbox.sandbox.approve(group1.tranId);

      const second = run(config);
      const group2 = await eventually(
        async () => (await transactions('pending')).find((t) => t.tranId !== group1.tranId),
        20_000,
      );
      await sandbox.sandbox.approve(group2.tranId);
      const finished = await second.done;
      assert.equal(finished.code, 0, finished.stderr);
      assert.deepEqual(JSON.parse(finished.stdout), {
        statuses: ['signed', 'signed', 'signed', 'signed', 'signed'],
        transactions: 2,
      });
      assert.deepEqual(
        (await transactions()).map((t) => t.documents.map((d) => d.docId)).sort(),
        [
          ['1.pdf', '2.pdf', '3.pdf'],
          ['4.pdf', '5.pdf'],
        ],
        'two transactions in all: the first was waited for again, not sent again',
      );
      assert.deepEqual(
        readdirSync(outDir)
          .filter((f) => !f.startsWith('.'))
          .sort(),
        names,
      );
      const report = await verifyPdf(new Uint8Array(readFileSync(join(outDir, '1.pdf'))), {
        trustedRoots: [sandbox.sandbox.rootCertificatePem],
      });
      assert.equal(report.valid, true);

      const third = await run(config).done;
      assert.deepEqual(JSON.parse(third.stdout), {
        statuses: ['skipped', 'skipped', 'skipped', 'skipped', 'skipped'],
        transactions: 0,
      });
    });
  });
}
