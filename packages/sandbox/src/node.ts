import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { toNodeListener } from '@smartca-kit/sdk/relay';
import { ownHostNames } from './node/host-names.js';
import { loadStateFile, removeStaleTemps, stateFileWriter } from './node/state-file.js';
import { createSandbox, type Sandbox, type SandboxOptions } from './sandbox.js';

export { StateFileError } from './node/state-file.js';

/** Options of {@link startSandboxServer}. */
export interface SandboxServerOptions extends SandboxOptions {
  /** TCP port. Default 8769; 0 picks a free one. */
  port?: number | undefined;
  /** Interface to bind. Default 127.0.0.1: the admin API has no authentication. */
  host?: string | undefined;
  /**
   * Keep state (CA, keys, turns, transactions, the event outbox) in this JSON file across restarts.
   * Whatever the sandbox acknowledges is in the file before the answer leaves (see the sandbox guide,
   * "Durability and limits"); the previous state is kept as `<file>.bak`.
   */
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
  /** Stops listening and timers, and waits until the state file holds every change. */
  close(): Promise<void>;
}

/**
 * Starts the sandbox on Node's HTTP server. It answers only to its own names (the bound address,
 * loopback and `allowedHosts`), against DNS rebinding.
 *
 * @throws {@link StateFileError} when `dataFile` is unreadable and has no good backup
 * @example
 * ```ts
 * const { url, close } = await startSandboxServer({ port: 0, autoApproveMs: 200 });
 * ```
 */
export async function startSandboxServer(options: SandboxServerOptions = {}): Promise<SandboxServer> {
  const file = options.dataFile;
  const log = (message: string) => console.error(message);
  const loaded = file ? loadStateFile(file, log) : undefined;
  if (file) removeStaleTemps(file);
  const host = options.host ?? '127.0.0.1';
  const sandbox = await createSandbox({
    ...options,
    state: options.state ?? loaded,
    // A state file deserves its own keys, not this process's shared test seed.
    freshKeys: options.freshKeys ?? (file !== undefined && !loaded),
    persist: file ? stateFileWriter(file, log) : options.persist,
    allowedHosts: [...ownHostNames(host), ...(options.allowedHosts ?? [])],
  });
  const server = createServer(toNodeListener(sandbox.fetch));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 8769, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const shown = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${shown}:${address.port}`;
  // Only now is the port known: the certificates' OCSP and CRL URLs follow it (the sandbox guide, "Trust services").
  await sandbox.usePublicOrigin(options.publicOrigin ?? url);
  return {
    url,
    sandbox,
    server,
    close: async () => {
      sandbox.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await sandbox.flush();
    },
  };
}

/** Adapts a Fetch handler to Node's `http` request listener (the SDK's adapter, re-exported). */
export { toNodeListener };
