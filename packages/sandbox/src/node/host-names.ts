import { hostname, networkInterfaces } from 'node:os';

const WILDCARDS = new Set(['', '0.0.0.0', '::', '[::]']);

/**
 * The names a server bound to `host` is reached under, for the sandbox's Host check (loopback names
 * are always allowed). A wildcard bind (`0.0.0.0`, `::`) is reached under every address of the
 * machine, and its host name; other names (a proxy's, a container's) must be allowed explicitly.
 */
export function ownHostNames(host: string): string[] {
  if (!WILDCARDS.has(host)) return [bracketed(host)];
  const addresses = Object.values(networkInterfaces())
    .flatMap((list) => list ?? [])
    .map((a) => bracketed(a.address));
  // The wildcard itself too: the URL the server prints (http://0.0.0.0:8769) must work.
  return [bracketed(host), ...addresses, hostname()];
}

/** IPv6 literals as they appear in a URL's host: `[::1]`. */
function bracketed(address: string): string {
  return address.includes(':') && !address.startsWith('[') ? `[${address}]` : address;
}
