import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

// The single-file browser builds `npm run build` writes: their weight against the widget's budget, and
// what they must not contain. (The portal journey runs the elements bundle itself, minified, in
// chromium: out of turns it must recognise the relay's typed error to open the buy flow.)
const ELEMENTS = fileURLToPath(new URL('../../packages/elements/dist/smartca-elements.min.js', import.meta.url));
const DOCUMENTS = fileURLToPath(new URL('../../packages/documents/dist/smartca-documents.min.js', import.meta.url));
/**
 * The widget's budget (design card; issue 13 took it from 25 KB to 20 KB): both elements, every
 * dependency, min+gzip. It was 22.8 KB with zod/mini (5.6 KB of it); the relay contract's own checks
 * replaced it.
 */
const ELEMENTS_BUDGET_BYTES = 20_000;

function built(path: string): string {
  assert.ok(existsSync(path), `${path} is missing: run \`npm run build\` first`);
  return readFileSync(path, 'utf8');
}

/** Module specifiers a bundle still imports: a single-file build must have none. */
function imports(code: string): string[] {
  return [...code.matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*)["']([^"']+)["']/g)].map((m) => m[1]!);
}

describe('single-file browser bundles', () => {
  it(`smartca-elements.min.js stays within ${ELEMENTS_BUDGET_BYTES} bytes min+gzip, with nothing left to import`, () => {
    const code = built(ELEMENTS);
    const gzip = gzipSync(code, { level: 9 }).length;
    assert.ok(gzip <= ELEMENTS_BUDGET_BYTES, `${gzip} bytes gzip, over the ${ELEMENTS_BUDGET_BYTES}-byte budget`);
    assert.deepEqual(imports(code), []);
    // X.509 parsing stays on the server (the relay sends what the widget shows).
    assert.doesNotMatch(code, /asn1js|X509Certificate|tsyringe/);
    // No schema library: zod/mini's issue texts would show it came back.
    assert.doesNotMatch(code, /Invalid input|\$ZodType|_zod/);
  });

  it('smartca-documents.min.js imports nothing and reaches no Node built-in but by feature detection', () => {
    const code = built(DOCUMENTS);
    assert.deepEqual(imports(code), []);
    // The only `node:` mention is the optional fast path `process.getBuiltinModule('node:crypto')`.
    assert.deepEqual(
      [...code.matchAll(/["']node:[a-z_]+["']/g)].map((m) => m[0]),
      ['"node:crypto"'],
    );
    assert.match(code, /getBuiltinModule/);
  });
});
