// @peculiar/x509 on demand. With its CommonJS ASN.1 family and the Reflect polyfill tsyringe needs,
// it is most of what importing the SDK used to cost in Node (about 0.25 s); the SDK's own fields
// come from certificates/certificate-fields.ts, so only verifyCertificate and `certificate.x509`
// need the library. Async callers use importX509(); the sync `x509` getter uses x509Now().
import type * as X509 from '@peculiar/x509';
import { ConfigurationError } from '../errors/configuration-error.js';

export type X509Module = typeof X509;

let loaded: X509Module | undefined;

/** Loads @peculiar/x509 once (a lazy import: bundlers split it into its own chunk). */
export async function importX509(): Promise<X509Module> {
  if (!loaded) {
    await import('./reflect-polyfill.js');
    loaded = await import('@peculiar/x509');
  }
  return loaded;
}

type NodeModule = { createRequire(from: string): (id: string) => unknown };

/**
 * @peculiar/x509 now, for a sync caller. In Node it is required on the spot: the package has no
 * `exports` map, so Node's `import` and `require` both resolve its `main` (the CommonJS build) and a
 * caller's own `import { X509Certificate } from '@peculiar/x509'` gets the very same classes.
 * Elsewhere (a browser) only once {@link importX509} has run (the public `loadX509()`).
 *
 * @throws {@link ConfigurationError} `X509_NOT_LOADED` outside Node before `loadX509()`.
 */
export function x509Now(): X509Module {
  if (loaded) return loaded;
  const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  const nodeModule = proc?.getBuiltinModule?.('node:module') as NodeModule | undefined;
  if (!nodeModule) {
    throw new ConfigurationError({
      code: 'X509_NOT_LOADED',
      message: {
        vi: 'Chưa nạp @peculiar/x509: ngoài Node, hãy gọi `await loadX509()` trước khi đọc `certificate.x509`.',
        en: '@peculiar/x509 is not loaded: outside Node, call `await loadX509()` before reading `certificate.x509`.',
      },
    });
  }
  const require = nodeModule.createRequire(import.meta.url);
  require('reflect-metadata');
  loaded = require('@peculiar/x509') as X509Module;
  return loaded;
}
