// The Custom Elements Manifest of @smartca-kit/elements (packages/elements/dist/custom-elements.json),
// for IDEs, Storybook and docs tools: tags, attributes, events, parts, custom states and CSS custom
// properties. Built by `npm run build` with @custom-elements-manifest/analyzer; the plugin below
// teaches it this package's conventions instead of editing its output by hand:
// - tags are registered by `defineOnce('tag', Class)` in the define files, not by a bare
//   `customElements.define`, and the one bare call (<smartca-sign> registering its inline buy flow on
//   first need) is not a definition of its own;
// - reactive state (`state: true`, `@internal`) is not an attribute;
// - the CSS custom properties are the `--smartca-*` tokens each component's styles read.
import { readFileSync } from 'node:fs';

const SRC = 'packages/elements/src';

export default {
  globs: [`${SRC}/**/*.ts`],
  exclude: [`${SRC}/cdn.ts`],
  outdir: 'packages/elements/dist',
  litelement: true,
  packagejson: false,
  plugins: [smartcaConventions()],
};

function smartcaConventions() {
  /** Class name → tag, from `defineOnce('smartca-sign', SmartCASign)`. */
  const tags = new Map();
  /** Class name → the module that registers it. */
  const definers = new Map();
  /** Class name → its reactive state (`static properties = { now: { state: true } }`): no attribute. */
  const stateFields = new Map();
  return {
    name: 'smartca-conventions',
    analyzePhase({ ts, node, moduleDoc }) {
      if (
        ts.isPropertyDeclaration(node) &&
        node.name.getText() === 'properties' &&
        node.initializer &&
        ts.isObjectLiteralExpression(node.initializer) &&
        ts.isClassDeclaration(node.parent) &&
        node.parent.name
      ) {
        const fields = node.initializer.properties.filter(
          (p) =>
            ts.isPropertyAssignment(p) &&
            ts.isObjectLiteralExpression(p.initializer) &&
            /\bstate:\s*true\b/.test(p.initializer.getText()),
        );
        stateFields.set(node.parent.name.getText(), new Set(fields.map((p) => p.name.getText())));
        return;
      }
      if (!ts.isCallExpression(node) || node.expression.getText() !== 'defineOnce') return;
      const [tag, klass] = node.arguments;
      if (tag && klass && ts.isStringLiteral(tag)) {
        tags.set(klass.getText(), tag.text);
        definers.set(klass.getText(), moduleDoc.path);
      }
    },
    packageLinkPhase({ customElementsManifest }) {
      for (const mod of customElementsManifest.modules) {
        // Only the define files define; drop the analyzer's guesses elsewhere and its anonymous classes.
        mod.exports = (mod.exports ?? []).filter((e) => e.kind !== 'custom-element-definition');
        mod.declarations = (mod.declarations ?? []).filter((d) => !d.name.startsWith('anonymous_'));
        for (const declaration of mod.declarations) {
          if (!declaration.customElement) continue;
          declaration.tagName = tags.get(declaration.name);
          const state = stateFields.get(declaration.name) ?? new Set();
          declaration.attributes = (declaration.attributes ?? []).filter((a) => !state.has(a.fieldName));
          declaration.members = (declaration.members ?? []).filter((m) => !state.has(m.name));
          declaration.events = (declaration.events ?? []).filter((e) => e.name);
          if (declaration.tagName) declaration.cssProperties = tokensOf(mod.path, declaration.tagName);
        }
      }
      for (const [className, tag] of tags) {
        const definer = customElementsManifest.modules.find((m) => m.path === definers.get(className));
        const home = customElementsManifest.modules.find((m) => m.declarations?.some((d) => d.name === className));
        definer?.exports.push({
          kind: 'custom-element-definition',
          name: tag,
          declaration: { name: className, module: home?.path ?? definer.path },
        });
      }
    },
  };
}

/**
 * The tokens `<tag>`'s styles read: its own `--<tag>-*` and the shared `--smartca-sys-*`, from the
 * styles module next to the component (`x.component.ts` → `x.styles.ts`).
 */
function tokensOf(componentPath, tag) {
  const source = readFileSync(componentPath.replace(/\.component\.ts$/, '.styles.ts'), 'utf8');
  const names = new Set([...source.matchAll(/var\((--smartca-[a-z0-9-]+)/g)].map((m) => m[1]));
  return [...names].sort().map((name) => ({
    name,
    description: name.startsWith(`--${tag}-`)
      ? `Component token of <${tag}>; falls back to the matching --smartca-sys-* token.`
      : 'System token shared by every SmartCA element.',
  }));
}
