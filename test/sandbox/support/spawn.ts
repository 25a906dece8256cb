import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { SandboxServerOptions } from '@smartca-kit/sandbox/node';

const SCRIPT = fileURLToPath(new URL('./sandbox-process.ts', import.meta.url));

let bundled: Promise<string> | undefined;

/**
 * sandbox-process.ts and the TypeScript sources it imports (the `source` condition, as the tests
 * run), bundled once per test process into one file. A child then starts in ~0.3 s instead of ~1.7 s
 * through tsx, which the crash test, restarting it 50+ times, needs; and its memory is the sandbox's,
 * without a compiler's.
 */
export function childScript(): Promise<string> {
  bundled ??= (async () => {
    const outfile = join(mkdtempSync(join(tmpdir(), 'smartca-child-')), 'sandbox-process.mjs');
    await build({
      entryPoints: [SCRIPT],
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      conditions: ['source'],
      outfile,
      logLevel: 'warning',
      // Bundled CommonJS dependencies call require(); an ES module has none of its own.
      banner: {
        js: "import { createRequire as smartcaRequire } from 'node:module'; const require = smartcaRequire(import.meta.url);",
      },
    });
    return outfile;
  })();
  return bundled;
}

/** A sandbox server running in a child process (see sandbox-process.ts). */
export interface ChildSandbox {
  child: ChildProcess;
  url: string;
  /** What the child wrote to stderr so far. */
  stderr: string[];
  /** `kill -9`, then waits for the exit. */
  kill(): Promise<void>;
}

/** Starts a child sandbox with `options` and waits until it listens. `ipc` opens a channel (memory). */
export async function spawnSandbox(options: SandboxServerOptions, ipc = false): Promise<ChildSandbox> {
  const child = spawn(process.execPath, [await childScript(), JSON.stringify(options)], {
    stdio: ['ignore', 'pipe', 'pipe', ...(ipc ? ['ipc' as const] : [])],
  });
  const stderr: string[] = [];
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => stderr.push(chunk));
  const lines = createInterface({ input: child.stdout! });
  const url = await new Promise<string>((resolve, reject) => {
    lines.on('line', (line) => {
      const found = /^listening (\S+)$/.exec(line)?.[1];
      if (found) resolve(found);
    });
    child.once('exit', (code, signal) =>
      reject(new Error(`the sandbox exited (${code ?? signal}) before listening:\n${stderr.join('')}`)),
    );
  });
  return {
    child,
    url,
    stderr,
    kill: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, 'exit');
      child.kill('SIGKILL');
      await exited;
    },
  };
}
