// Builds every package to ESM; `.d.ts` files come from `tsc --emitDeclarationOnly` (npm run build:types).
//
// Libraries keep their dependencies external (installed beside them), except where start-up time is
// a budget: @smartca-kit/documents inlines the @peculiar/asn1-* family and @noble/hashes (Node loads
// their CommonJS builds file by file, ~0.2 s; bundled ESM loads in ~0.03 s), and the `smartca` CLI
// inlines everything, SDK included, so `smartca sign` starts in a fraction of a second.
import { nodeResolve } from '@rollup/plugin-node-resolve';
import esbuild from 'rollup-plugin-esbuild';

const isBare = (id) => !id.startsWith('.') && !id.startsWith('/') && !id.startsWith('\0');
const externalAll = isBare;
const externalSmartcaAndNode = (id) => isBare(id) && (id.startsWith('@smartca-kit/') || id.startsWith('node:'));
const externalNode = (id) => id.startsWith('node:');

const builds = [
  { dir: 'packages/sdk', entries: ['index', 'core'], external: externalAll },
  { dir: 'packages/sandbox', entries: ['index', 'node', 'cli'], external: externalAll },
  { dir: 'packages/documents', entries: ['index', 'node'], external: externalSmartcaAndNode },
  { dir: 'packages/documents', entries: ['cli'], external: externalNode },
];

export default builds.map(({ dir, entries, external }) => ({
  input: Object.fromEntries(entries.map((name) => [name, `${dir}/src/${name}.ts`])),
  output: {
    dir: `${dir}/dist`,
    format: 'es',
    sourcemap: true,
    entryFileNames: '[name].js',
    chunkFileNames: entries.includes('cli') && entries.length === 1 ? 'internal/cli-[name]-[hash].js' : 'internal/[name]-[hash].js',
    banner: (chunk) => (chunk.name === 'cli' ? '#!/usr/bin/env node' : ''),
  },
  external,
  plugins: [
    ...(external === externalAll ? [] : [nodeResolve({ mainFields: ['module', 'main'], exportConditions: ['node', 'import', 'default'], preferBuiltins: true })]),
    esbuild({ target: 'es2022', tsconfig: `${dir}/tsconfig.json` }),
  ],
  onwarn(warning, warn) {
    if (warning.code === 'CIRCULAR_DEPENDENCY' && warning.ids?.every((id) => id.includes('node_modules'))) return;
    if (warning.code === 'THIS_IS_UNDEFINED' && warning.id?.includes('node_modules')) return;
    warn(warning);
  },
}));
