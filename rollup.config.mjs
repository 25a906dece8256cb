// Builds every package to ESM. Dependencies stay external (they are installed beside the package);
// `.d.ts` files come from `tsc --emitDeclarationOnly` (npm run build:types). The elements package also
// gets a single-file CDN bundle with every dependency inlined and minified.
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import esbuild from 'rollup-plugin-esbuild';

const packages = [
  { dir: 'packages/sdk', entries: ['index', 'relay', 'relay-client'] },
  { dir: 'packages/sandbox', entries: ['index', 'node', 'cli'] },
  { dir: 'packages/elements', entries: ['index', 'smartca-sign'] },
];

const external = (id) => !id.startsWith('.') && !id.startsWith('/') && !id.startsWith('\0');

function onwarn(warning, warn) {
  if (warning.code === 'CIRCULAR_DEPENDENCY' && warning.ids?.every((id) => id.includes('node_modules'))) return;
  warn(warning);
}

const npmBuilds = packages.map(({ dir, entries }) => ({
  input: Object.fromEntries(entries.map((name) => [name, `${dir}/src/${name}.ts`])),
  output: {
    dir: `${dir}/dist`,
    format: 'es',
    sourcemap: true,
    entryFileNames: '[name].js',
    chunkFileNames: 'internal/[name]-[hash].js',
    banner: (chunk) => (chunk.name === 'cli' ? '#!/usr/bin/env node' : ''),
  },
  external,
  plugins: [esbuild({ target: 'es2022', tsconfig: `${dir}/tsconfig.json` })],
  onwarn,
}));

// `source` resolves the SDK's relay client from TypeScript; `browser` picks browser builds
// (exportConditions, not `browser: true`, which would follow legacy `browser` fields to CJS files).
export const cdnBundle = {
  input: 'packages/elements/src/cdn.ts',
  output: { file: 'packages/elements/dist/smartca-elements.min.js', format: 'es', sourcemap: true },
  plugins: [
    nodeResolve({ exportConditions: ['source', 'browser'] }),
    esbuild({ target: 'es2022', tsconfig: 'packages/elements/tsconfig.json' }),
    terser({ module: true, ecma: 2020, compress: { passes: 2 }, format: { comments: false } }),
  ],
  onwarn,
};

export default [...npmBuilds, cdnBundle];
