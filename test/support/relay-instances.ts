// Relay instances as child processes (relay-instance.child.ts), for the multi-instance tests: each a
// real process with its own memory, so that only the store can carry anything between them.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { InstanceConfig } from './relay-instance.child.js';

const CHILD = fileURLToPath(new URL('./relay-instance.child.ts', import.meta.url));

/** A running relay instance. */
export interface RelayInstance {
  /** Base URL, e.g. `http://127.0.0.1:4567`. */
  url: string;
  process: ChildProcess;
  /** SIGKILL: a crash, nothing flushed, nothing released. */
  kill(): Promise<void>;
}

/** Starts one instance; resolves once it listens. */
export function startInstance(config: InstanceConfig): Promise<RelayInstance> {
  const child = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', CHILD], {
    env: { ...process.env, SMARTCA_RELAY_INSTANCE: JSON.stringify(config) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let errors = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    errors = (errors + chunk.toString()).slice(-4000);
  });
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`relay instance did not start: ${errors}`)), 30_000);
    child.once('exit', (code) => reject(new Error(`relay instance exited (${code}): ${errors}`)));
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const port = /READY (\d+)/.exec(out)?.[1];
      if (!port) return;
      clearTimeout(timer);
      resolve({
        url: `http://127.0.0.1:${port}`,
        process: child,
        kill: () =>
          new Promise<void>((done) => {
            if (child.exitCode !== null || child.signalCode !== null) return done();
            child.once('exit', () => done());
            child.kill('SIGKILL');
          }),
      });
    });
  });
}

/** Starts `count` instances at once. */
export function startInstances(count: number, config: InstanceConfig): Promise<RelayInstance[]> {
  return Promise.all(Array.from({ length: count }, () => startInstance(config)));
}
