// One run of a batch in its own process, journaled in a real Redis or PostgreSQL store, so that a test
// can kill it with SIGKILL mid-batch and start it again (test/stores/batch-resume.test.ts). Prints one
// JSON line with the result's statuses when it finishes.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { signBatch, storeJournal } from '@smartca-kit/documents';
import { openFileSource, writeSignedDocument } from '@smartca-kit/documents/node';
import { createSmartCA, type SmartCAStore } from '@smartca-kit/sdk';
import { createPostgresStore } from '@smartca-kit/sdk/store-postgres';
import { createRedisStore } from '@smartca-kit/sdk/store-redis';

export interface BatchRunConfig {
  store: 'redis' | 'postgres';
  storeUrl: string;
  prefix: string;
  sandboxUrl: string;
  rootPem: string;
  userId: string;
  inDir: string;
  outDir: string;
  batchId: string;
}

const config = JSON.parse(process.env.SMARTCA_BATCH_RUN ?? '{}') as BatchRunConfig;
const store: SmartCAStore =
  config.store === 'redis'
    ? createRedisStore({ url: config.storeUrl, prefix: config.prefix })
    : createPostgresStore({ connectionString: config.storeUrl });
const smartca = createSmartCA({
  environment: config.sandboxUrl,
  credentials: { spId: 'sandbox-partner', spPassword: 'sandbox-secret' },
  trustedRoots: [config.rootPem],
});
async function* documents() {
  for (const name of readdirSync(config.inDir).sort())
    yield { input: await openFileSource(join(config.inDir, name)), docId: name };
}
const result = await signBatch(smartca, documents(), {
  userId: config.userId,
  batchId: config.batchId,
  journal: storeJournal(store),
  transactionSize: 3,
  concurrency: 1,
  output: ({ docId, document }) => writeSignedDocument(document, join(config.outDir, docId)),
});
process.stdout.write(
  `${JSON.stringify({ statuses: result.documents.map((d) => d.status), transactions: result.transactions })}\n`,
);
await store.close();
