import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

// packages/elements/dist/custom-elements.json, which `npm run build` writes and package.json's
// `customElements` points IDEs and docs tools at: what it tells them about the two elements.
const PACKAGE = fileURLToPath(new URL('../../packages/elements/package.json', import.meta.url));
const MANIFEST = fileURLToPath(new URL('../../packages/elements/dist/custom-elements.json', import.meta.url));

interface Named {
  name: string;
}
interface Declaration extends Named {
  customElement?: boolean;
  tagName?: string;
  attributes?: (Named & { fieldName?: string })[];
  events?: Named[];
  cssParts?: Named[];
  cssStates?: Named[];
  cssProperties?: Named[];
}
interface Manifest {
  modules: { path: string; declarations?: Declaration[]; exports?: (Named & { kind: string })[] }[];
}

function manifest(): Manifest {
  assert.ok(existsSync(MANIFEST), `${MANIFEST} is missing: run \`npm run build\` first`);
  return JSON.parse(readFileSync(MANIFEST, 'utf8')) as Manifest;
}

function element(tag: string): Declaration {
  const found = manifest()
    .modules.flatMap((m) => m.declarations ?? [])
    .filter((d) => d.customElement && d.tagName === tag);
  assert.equal(found.length, 1, `one declaration of <${tag}>`);
  return found[0]!;
}

const names = (list: Named[] | undefined) => (list ?? []).map((x) => x.name);

describe('Custom Elements Manifest of @smartca-kit/elements', () => {
  it('is where package.json says, and defines exactly the two tags, each from its define file', () => {
    assert.equal(JSON.parse(readFileSync(PACKAGE, 'utf8')).customElements, 'dist/custom-elements.json');
    const definitions = manifest().modules.flatMap((m) =>
      (m.exports ?? []).filter((e) => e.kind === 'custom-element-definition').map((e) => `${m.path} → ${e.name}`),
    );
    assert.deepEqual(definitions.sort(), [
      'packages/elements/src/smartca-buy-turns.ts → smartca-buy-turns',
      'packages/elements/src/smartca-sign.ts → smartca-sign',
    ]);
  });

  it('<smartca-sign>: its attributes (no internal state), every event, parts, custom states and tokens', () => {
    const sign = element('smartca-sign');
    assert.deepEqual(names(sign.attributes), ['endpoint', 'session', 'lang', 'document-name', 'app-link', 'open-app']);
    for (const event of [
      'smartca-sign-start',
      'smartca-sign-pending',
      'smartca-sign-complete',
      'smartca-sign-cancel',
      'smartca-sign-expire',
      'smartca-error',
      'smartca-purchase-complete',
    ]) {
      assert.ok(names(sign.events).includes(event), event);
    }
    assert.ok(names(sign.cssParts).includes('button'));
    assert.deepEqual(names(sign.cssStates), [
      'idle',
      'preparing',
      'awaiting',
      'signed',
      'rejected',
      'expired',
      'error',
      'buying',
    ]);
    assert.ok(names(sign.cssProperties).includes('--smartca-sign-button-background'));
    assert.ok(names(sign.cssProperties).includes('--smartca-sys-color-primary'));
  });

  it('<smartca-buy-turns>: its attributes, events, states (unlimited included) and tokens', () => {
    const buy = element('smartca-buy-turns');
    assert.deepEqual(names(buy.attributes), ['endpoint', 'session', 'lang', 'return-url']);
    assert.deepEqual(names(buy.events).sort(), [
      'smartca-error',
      'smartca-purchase-complete',
      'smartca-purchase-redirect',
    ]);
    assert.ok(names(buy.cssStates).includes('unlimited'));
    assert.ok(
      names(buy.cssProperties).every((p) => p.startsWith('--smartca-buy-turns-') || p.startsWith('--smartca-sys-')),
    );
  });
});
