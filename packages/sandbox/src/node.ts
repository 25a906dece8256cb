import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { toNodeListener } from '@smartca-kit/sdk/relay';
import { createSandbox, type Sandbox, type SandboxOptions } from './sandbox.js';
import type { SandboxState } from './state/types.js';

/** Options of {@link startSandboxServer}. */
export interface SandboxServerOptions extends SandboxOptions {
  /** TCP port. Default 8769; 0 picks a free one. */
  port?: number | undefined;
  /** Interface to bind. Default 127.0.0.1: the admin API has no authentication. */
  host?: string | undefined;
  /** Keep state (CA, keys, turns, transactions) in this JSON file across restarts. */
  dataFile?: string | undefined;
}

/** A running sandbox server. */
export interface SandboxServer {
  /** The base URL, e.g. `http://127.0.0.1:8769`: pass it as the SDK's `environment`. */
  url: string;
  /** The sandbox behind the server. */
  sandbox: Sandbox;
  /** The Node server. */
  server: Server;
  /** Stops listening, writes the state file, and stops timers. */
  close(): Promise<void>;
}

/**
 * Starts the sandbox on Node's HTTP server.
 *
 * @example
 * ```ts
 * const { url, close } = await startSandboxServer({ port: 0, autoApproveMs: 200 });
 * ```
 */
export async function startSandboxServer(options: SandboxServerOptions = {}): Promise<SandboxServer> {
  const persist = options.dataFile ? debouncedWriter(options.dataFile) : undefined;
  const loaded = options.dataFile && existsSync(options.dataFile)
    ? JSON.parse(readFileSync(options.dataFile, 'utf8')) as SandboxState : undefined;
  const sandbox = await createSandbox({
    ...options,
    state: options.state ?? loaded,
    // A state file deserves its own keys, not this process's shared test seed.
    freshKeys: options.freshKeys ?? (options.dataFile !== undefined && !loaded),
    onChange: (state) => {
      persist?.schedule(state);
      options.onChange?.(state);
    },
  });
  persist?.schedule(sandbox.state);
  const server = createServer(toNodeListener(sandbox.fetch));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 8769, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${host}:${address.port}`,
    sandbox,
    server,
    close: async () => {
      sandbox.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      persist?.flush();
    },
  };
}

/** Adapts a Fetch handler to Node's `http` request listener (the SDK's adapter, re-exported). */
export { toNodeListener };

/** Writes the state file at most every 50 ms, atomically (temp file + rename). */
function debouncedWriter(file: string) {
  let pending: SandboxState | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const flush = () => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    if (!pending) return;
    writeFileSync(`${file}.tmp`, JSON.stringify(pending, null, 2));
    renameSync(`${file}.tmp`, file);
    pending = undefined;
  };
  return {
    schedule(state: SandboxState) {
      pending = state;
      timer ??= setTimeout(flush, 50);
    },
    flush,
  };
}
