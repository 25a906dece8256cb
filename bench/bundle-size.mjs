// Widget weight: min+gzip of `smartca-elements.min.js` (every dependency inlined), built in this run
// with the repository's own rollup config, beside peers built the same way in the same run: Lit
// alone, and the same relay schemas in full zod, in zod/mini, and in the relay contract's own checks
// (packages/sdk/src/relay/contract/check.ts), which replaced zod/mini in the widget (issue 13).
// Goal (design card §4, issue 13): ≤ 20 KB.
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import { rollup } from 'rollup';
import esbuild from 'rollup-plugin-esbuild';
import { cdnBundle } from '../rollup.config.mjs';
import { goal, printTable } from './report.mjs';

const GOAL_BYTES = 20_000;
const CHECKS = new URL('../packages/sdk/src/relay/contract/check.ts', import.meta.url).pathname;

const LIT_ELEMENT = `import { LitElement, html, css } from 'lit';
class TinyElement extends LitElement {
  static styles = css\`:host { display: block; color: var(--c, black); }\`;
  static properties = { name: {} };
  render() { return html\`<button part="button">\${this.name}</button>\`; }
}
customElements.define('tiny-element', TinyElement);`;

// The relay's response schema, written once per zod flavour, used so that nothing is tree-shaken away.
const schema = (z, optional) => `
const error = z.object({ category: z.enum(['session', 'turns', 'certificate', 'provider', 'network', 'implementation']),
  code: z.string(), message: z.object({ vi: z.string(), en: z.string() }), recoverable: z.boolean(),
  requestId: ${optional('z.string()')} });
export const response = z.object({ transaction: z.object({ id: z.string(), expiresAt: ${optional('z.string()')},
  status: z.enum(['pending', 'signed', 'rejected', 'expired', 'failed', 'cancelled']),
  documents: z.array(z.object({ docId: z.string(), name: ${optional('z.string()')} })),
  result: ${optional('z.object({ signatures: z.array(z.object({ docId: z.string(), signature: z.string() })), certificate: z.string() })')},
  error: ${optional('error')} }) });
console.log(response.safeParse(JSON.parse(globalThis.input ?? '{}')).success);`;

const PEERS = {
  'lit, one small element': LIT_ELEMENT,
  'zod (full), relay schemas': `import { z } from 'zod';${schema('z', (s) => `${s}.optional()`)}`,
  'zod/mini, relay schemas': `import * as z from 'zod/mini';${schema('z', (s) => `z.optional(${s})`)}`,
  'lit + zod/mini, both of the above': `${LIT_ELEMENT}\nimport * as z from 'zod/mini';${schema('z', (s) => `z.optional(${s})`)}`,
  'relay contract checks, relay schemas': `import * as c from ${JSON.stringify(CHECKS)};${schema(
    'c',
    (s) => `c.optional(${s})`,
  )
    .replace(/\bz\./g, 'c.')
    .replace(/c\.enum\(/g, 'c.oneOf(')}`,
};

async function build(options) {
  const bundle = await rollup({ ...options, onwarn: () => undefined });
  const { output } = await bundle.generate({ format: 'es' });
  await bundle.close();
  return output[0].code;
}

function virtual(source) {
  return {
    name: 'virtual-entry',
    resolveId: (id) => (id === 'entry.js' ? id : null),
    load: (id) => (id === 'entry.js' ? source : null),
  };
}

function measure(code) {
  const bytes = Buffer.from(code);
  return {
    min: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
    brotli: brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
}

const rows = [];
const ours = measure(await build({ input: cdnBundle.input, plugins: cdnBundle.plugins }));
rows.push(['smartca-elements.min.js (both elements, all deps)', ours]);
for (const [name, source] of Object.entries(PEERS)) {
  const code = await build({
    input: 'entry.js',
    plugins: [
      virtual(source),
      nodeResolve({ exportConditions: ['browser'] }),
      esbuild({ target: 'es2022' }),
      terser({ module: true, ecma: 2020, compress: { passes: 2 }, format: { comments: false } }),
    ],
  });
  rows.push([name, measure(code)]);
}

const kb = (n) => `${(n / 1000).toFixed(1)} KB`;
printTable(
  ['bundle (rollup + terser, ESM)', 'min', 'gzip -9', 'brotli 11'],
  rows.map(([name, m]) => [name, kb(m.min), kb(m.gzip), kb(m.brotli)]),
);
console.log(
  '\nMeasured elsewhere, for scale (issue 5): hellosign-embedded 25.4 KB, Adyen drop-in 55 KB, drop-in + card 106 KB.',
);
goal(`smartca-elements.min.js ≤ ${kb(GOAL_BYTES)} min+gzip`, ours.gzip <= GOAL_BYTES, kb(ours.gzip));
