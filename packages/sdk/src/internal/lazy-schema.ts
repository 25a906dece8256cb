// zod on demand. Importing zod and building the SDK's ~200 wire schemas was about a third of what
// importing the SDK cost in Node (0.13 s of 0.4 s); a serverless relay paid it on every cold start,
// even for requests it refuses before any SmartCA answer is read. The schemas are now built, and zod
// loaded, when the first answer is parsed.
//
// Node loads zod synchronously on first use (its CommonJS build, one copy for every caller in the
// process), so sync parsers (the webhook receivers) need nothing first. Elsewhere (a browser bundle,
// with `dangerouslyAllowBrowser`) the transport awaits loadZod() before each call, and bundlers split
// zod into its own chunk.
import type { z as Zod } from 'zod';
import { ConfigurationError } from '../errors/configuration-error.js';

type ZodNamespace = typeof Zod;

/** What the transport and the protocol modules parse with: zod's `safeParse`, nothing else. */
export interface Schema<T> {
  safeParse(value: unknown): ReturnType<Zod.ZodType<T>['safeParse']>;
}

/** The type a {@link Schema} gives. */
export type Parsed<S> = S extends Schema<infer T> ? T : never;

/** A schema module's builders, each as a {@link Schema} that builds them all on first parse. */
export type LazySchemas<S extends Record<string, Zod.ZodType>> = { readonly [K in keyof S]: Schema<Zod.output<S[K]>> };

let zod: ZodNamespace | undefined;

type NodeModule = { createRequire(from: string): (id: string) => unknown };

function nodeRequire(): ((id: string) => unknown) | undefined {
  const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  const nodeModule = proc?.getBuiltinModule?.('node:module') as NodeModule | undefined;
  return nodeModule?.createRequire(import.meta.url);
}

/** zod, loaded if need be: Node requires it on the spot; elsewhere {@link loadZod} must have run. */
function zodNow(): ZodNamespace {
  if (zod) return zod;
  const require = nodeRequire();
  if (!require) {
    throw new ConfigurationError({
      code: 'SCHEMAS_NOT_LOADED',
      message: {
        vi: 'Lỗi nội bộ của SDK: phân tích câu trả lời trước khi nạp zod.',
        en: 'SDK internal error: an answer was parsed before zod was loaded.',
      },
    });
  }
  zod = (require('zod') as { z: ZodNamespace }).z;
  return zod;
}

/**
 * Makes sure zod is loaded; the transport awaits this before a call. Where Node cannot require it (a
 * browser; a bundle that inlined zod, such as the `smartca` CLI, installed without it beside), a lazy
 * `import()` gets it.
 */
export async function loadZod(): Promise<void> {
  if (zod) return;
  try {
    zodNow();
  } catch {
    zod = (await import('zod')).z;
  }
}

/**
 * The schemas `build` makes, each usable at once as a {@link Schema}; `build` runs on the first
 * `safeParse` of any of them. Use by destructuring: `export const { a, b } = lazySchemas(build);`.
 */
export function lazySchemas<S extends Record<string, Zod.ZodType>>(build: (z: ZodNamespace) => S): LazySchemas<S> {
  let built: S | undefined;
  const wrappers = new Map<string | symbol, Schema<unknown>>();
  return new Proxy({} as LazySchemas<S>, {
    get(_, key) {
      let wrapper = wrappers.get(key);
      if (!wrapper) {
        wrapper = {
          safeParse: (value) => {
            built ??= build(zodNow());
            const schema = built[key as keyof S];
            if (!schema) throw new TypeError(`no schema ${String(key)}`);
            return schema.safeParse(value);
          },
        };
        wrappers.set(key, wrapper);
      }
      return wrapper;
    },
  });
}
