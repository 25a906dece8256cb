// Builds every package to ESM. Dependencies stay external (they are installed beside the package);
// `.d.ts` files come from `tsc --emitDeclarationOnly` (npm run build:types).
import esbuild from 'rollup-plugin-esbuild';

const packages = [
  { dir: 'packages/sdk', entries: ['index', 'relay', 'relay-client'] },
  { dir: 'packages/sandbox', entries: ['index', 'node', 'cli'] },
];

const external = (id) => !id.startsWith('.') && !id.startsWith('/') && !id.startsWith('\0');

export default packages.map(({ dir, entries }) => ({
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
  onwarn(warning, warn) {
    if (warning.code === 'CIRCULAR_DEPENDENCY' && warning.ids?.every((id) => id.includes('node_modules'))) return;
    warn(warning);
  },
}));
