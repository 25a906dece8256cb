// Builds every package to ESM; `.d.ts` files come from `tsc --emitDeclarationOnly` (npm run build:types).
//
// Libraries keep their dependencies external (installed beside them), except where start-up time or
// size is a budget:
// - @smartca-kit/documents inlines the @peculiar/asn1-* family and @noble/hashes (Node loads their
//   CommonJS builds file by file, ~0.2 s; bundled ESM loads in ~0.03 s);
// - the `smartca` CLI inlines everything, SDK included, so `smartca sign` starts quickly;
// - the elements package also gets a single-file CDN bundle with every dependency inlined and minified.
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import esbuild from 'rollup-plugin-esbuild';

const isBare = (id) => !id.startsWith('.') && !id.startsWith('/') && !id.startsWith('\0');
const externalAll = isBare;
const externalSmartcaAndNode = (id) => isBare(id) && (id.startsWith('@smartca-kit/') || id.startsWith('node:'));
const externalNode = (id) => id.startsWith('node:');

const builds = [
  {
    dir: 'packages/sdk',
    entries: ['index', 'core', 'relay', 'relay-client', 'store-redis', 'store-postgres'],
    external: externalAll,
  },
  { dir: 'packages/sandbox', entries: ['index', 'node', 'cli'], external: externalAll },
  { dir: 'packages/documents', entries: ['index', 'node'], external: externalSmartcaAndNode },
  { dir: 'packages/documents', entries: ['cli'], external: externalNode },
  { dir: 'packages/elements', entries: ['index', 'smartca-sign', 'smartca-buy-turns'], external: externalAll },
];

function onwarn(warning, warn) {
  if (warning.code === 'CIRCULAR_DEPENDENCY' && warning.ids?.every((id) => id.includes('node_modules'))) return;
  if (warning.code === 'THIS_IS_UNDEFINED' && warning.id?.includes('node_modules')) return;
  warn(warning);
}

const npmBuilds = builds.map(({ dir, entries, external }) => ({
  input: Object.fromEntries(entries.map((name) => [name, `${dir}/src/${name}.ts`])),
  output: {
    dir: `${dir}/dist`,
    format: 'es',
    sourcemap: true,
    entryFileNames: '[name].js',
    chunkFileNames:
      entries.length === 1 && entries[0] === 'cli' ? 'internal/cli-[name]-[hash].js' : 'internal/[name]-[hash].js',
    banner: (chunk) => (chunk.name === 'cli' ? '#!/usr/bin/env node' : ''),
  },
  external,
  plugins: [
    ...(external === externalAll
      ? []
      : [
          nodeResolve({
            mainFields: ['module', 'main'],
            exportConditions: ['node', 'import', 'default'],
            preferBuiltins: true,
          }),
        ]),
    esbuild({ target: 'es2022', tsconfig: `${dir}/tsconfig.json` }),
  ],
  onwarn,
}));

/**
 * One ES module for pages without a bundler: every dependency inlined, minified. `source` resolves the
 * workspace packages from TypeScript; `browser` picks browser builds (exportConditions, not
 * `browser: true`, which would follow legacy `browser` fields to CJS files).
 */
function browserBundle(pkg, input, file) {
  return {
    input: `packages/${pkg}/src/${input}`,
    output: { file: `packages/${pkg}/dist/${file}`, format: 'es', sourcemap: true },
    plugins: [
      nodeResolve({ exportConditions: ['source', 'browser'] }),
      esbuild({ target: 'es2022', tsconfig: `packages/${pkg}/tsconfig.json` }),
      terser({ module: true, ecma: 2020, compress: { passes: 2 }, format: { comments: false } }),
    ],
    onwarn,
  };
}

// Both elements, registered on load: the CDN file portals embed with one <script>.
export const cdnBundle = browserBundle('elements', 'cdn.ts', 'smartca-elements.min.js');
// @smartca-kit/documents for pages that prepare a PDF themselves (the demo portal's /ky-tep); pages
// load it with import() only when a file is picked.
export const documentsBrowserBundle = browserBundle('documents', 'index.ts', 'smartca-documents.min.js');

export default [...npmBuilds, cdnBundle, documentsBrowserBundle];
