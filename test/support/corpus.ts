// The third-party corpus (../shared/corpus/ beside the checkout, as CI has it): read in place, never
// copied into the project. Absent, a test fails with this message rather than an ENOENT deep inside.
import { existsSync } from 'node:fs';

const CORPUS = new URL('../../../shared/corpus/', import.meta.url);

/** The corpus folder `sub` (e.g. `pdf/`, `xmldsig/`) as a URL ending in `/`; throws when it is absent. */
export function corpusDir(sub: string): URL {
  const dir = new URL(sub.endsWith('/') ? sub : `${sub}/`, CORPUS);
  if (!existsSync(dir)) {
    throw new Error(`the corpus is missing: ${dir.pathname} (a checkout's ../shared/corpus/, as CI provides it)`);
  }
  return dir;
}
