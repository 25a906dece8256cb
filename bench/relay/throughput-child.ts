// The measuring side of bench/relay-throughput.mjs: runs the cases and writes one JSON line per result
// to stdout (the parent prints the table). Options: --stores memory,redis,postgres --seconds N --concurrency N.
import { measureRelayThroughput, type StoreKind } from './throughput.js';

const option = (name: string, fallback: string) => {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? (process.argv[at + 1] ?? fallback) : fallback;
};

await measureRelayThroughput({
  stores: option('stores', 'memory,redis,postgres').split(',') as StoreKind[],
  seconds: Number(option('seconds', '5')),
  concurrency: Number(option('concurrency', '16')),
  onResult: (result) => process.stdout.write(`${JSON.stringify(result)}\n`),
});
