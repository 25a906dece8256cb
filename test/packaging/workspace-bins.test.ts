import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const json = (path: string) => JSON.parse(readFileSync(`${ROOT}${path}`, 'utf8')) as Record<string, any>;

// `npm ci` links each workspace's bins before `npm run build` has written dist/, and skips a link
// whose target is missing; so a bin must point at a file that is in the repository, or `npx smartca`
// goes to the registry after a fresh clone.
describe('packaging: the workspace commands and package.json', () => {
  for (const [pkg, command] of [
    ['documents', 'smartca'],
    ['sandbox', 'smartca-sandbox'],
  ] as const) {
    it(`${command}: the bin is a committed launcher, linked into node_modules/.bin, and runs the built CLI`, () => {
      const target = json(`packages/${pkg}/package.json`).bin?.[command] as string;
      assert.ok(target && !target.includes('dist/'), `${command} points at ${target}, not at a build output`);
      assert.ok(existsSync(`${ROOT}packages/${pkg}/${target}`));
      const run = spawnSync(`${ROOT}node_modules/.bin/${command}`, ['--help'], { encoding: 'utf8' });
      assert.equal(run.status, 0, run.stderr);
      assert.match(run.stdout + run.stderr, new RegExp(command));
    });
  }

  it('the root package.json has no machine-specific customElements path (the real one is in packages/elements)', () => {
    assert.equal(json('package.json').customElements, undefined);
    assert.equal(json('packages/elements/package.json').customElements, 'dist/custom-elements.json');
  });
});
