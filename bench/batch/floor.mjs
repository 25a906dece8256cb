// The streaming floor: what no signer can beat. Each file is read once through SHA-256 and copied to
// `outDir` by the kernel, then flushed to disk (as our writer does), four files at a time.
import { createHash } from 'node:crypto';
import { createReadStream, readdirSync } from 'node:fs';
import { copyFile, open } from 'node:fs/promises';
import { join } from 'node:path';

const [inDir, outDir, countArg] = process.argv.slice(2);
const names = readdirSync(inDir).sort().slice(0, Number(countArg));
async function one(name) {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(join(inDir, name), { highWaterMark: 1 << 20 })) hash.update(chunk);
  hash.digest();
  await copyFile(join(inDir, name), join(outDir, name));
  const handle = await open(join(outDir, name), 'a');
  await handle.datasync();
  await handle.close();
}
const started = performance.now();
let next = 0;
await Promise.all(
  Array.from({ length: 4 }, async () => {
    while (next < names.length) await one(names[next++]);
  }),
);
const seconds = (performance.now() - started) / 1000;
process.stdout.write(`${JSON.stringify({ documents: names.length, seconds })}\n`);
