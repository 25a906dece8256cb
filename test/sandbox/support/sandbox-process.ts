// A sandbox server in a child process, for the tests that kill it (crash.test.ts, durability.test.ts)
// or measure its memory (memory-under-abuse.test.ts). The tests run it bundled from the TypeScript
// sources (spawn.ts); by hand:
//   node --conditions=source --import tsx test/sandbox/support/sandbox-process.ts '<options as JSON>'
// Prints `listening <url>` once it serves. With an IPC channel it answers `memory` with its RSS.
import { readFileSync, writeFileSync } from 'node:fs';
import { startSandboxServer, type SandboxServerOptions } from '@smartca-kit/sandbox/node';

const options = JSON.parse(process.argv[2] ?? '{}') as SandboxServerOptions;
const server = await startSandboxServer({ port: 0, ...options });
process.stdout.write(`listening ${server.url}\n`);

/** The kernel's high-water mark of this process's RSS, bytes (Linux), else undefined. */
function peakRss(): number | undefined {
  try {
    const kb = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1];
    return kb ? Number(kb) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

// Sampled too, where /proc is missing: the peak between two samples may then be missed.
let sampled = process.memoryUsage().rss;
setInterval(() => {
  sampled = Math.max(sampled, process.memoryUsage().rss);
}, 10).unref();

process.on('message', (message) => {
  if (message === 'reset-peak') {
    // Writing 5 to clear_refs resets VmHWM to the current RSS (Linux ≥ 4.0).
    try {
      writeFileSync('/proc/self/clear_refs', '5');
    } catch {
      /* not Linux: the sampled peak is all there is */
    }
    sampled = process.memoryUsage().rss;
    process.send?.({ rss: process.memoryUsage().rss });
  } else if (message === 'memory') {
    process.send?.({ rss: process.memoryUsage().rss, peak: Math.max(peakRss() ?? 0, sampled) });
  }
});
process.on('disconnect', () => process.exit(0));
