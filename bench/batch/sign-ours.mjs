// Ours: signBatch over the first `count` files of a directory, against the sandbox at `url`, each
// written atomically into `outDir`. Prints one JSON line: documents, seconds, requests sent to SmartCA.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { signBatch } from '@smartca-kit/documents';
import { openFileSource, writeSignedDocument } from '@smartca-kit/documents/node';
import { createSmartCA } from '@smartca-kit/sdk';

const [inDir, outDir, url, root, countArg] = process.argv.slice(2);
const names = readdirSync(inDir).sort().slice(0, Number(countArg));
let requests = 0;
const smartca = createSmartCA({
  environment: url,
  credentials: { spId: 'sandbox-partner', spPassword: 'sandbox-secret' },
  trustedRoots: [root],
  fetch: (input, init) => {
    requests += 1;
    return fetch(input, init);
  },
});
async function* documents() {
  for (const name of names) yield { input: await openFileSource(join(inDir, name)), docId: name, format: 'pdf' };
}
const started = performance.now();
const result = await signBatch(smartca, documents(), {
  userId: '079088000003',
  concurrency: Number(process.env.BATCH_CONCURRENCY ?? 16),
  output: ({ docId, document }) => writeSignedDocument(document, join(outDir, docId)),
});
const seconds = (performance.now() - started) / 1000;
if (result.failed > 0) {
  const first = result.documents.find((d) => d.status === 'failed');
  throw new Error(`${result.failed} failed, e.g. ${first.docId}: ${first.error.code} ${first.error.message}`);
}
process.stdout.write(
  `${JSON.stringify({ documents: result.signed, seconds, requests, transactions: result.transactions })}\n`,
);
