// Writes the component reference page (docs/en/reference/components.md, git-ignored) from the
// Custom Elements Manifest that `npm run build` generates, so the page never drifts from the JSDoc
// the elements' sources carry: attributes, properties, events, parts, custom states, slots and
// --smartca-* tokens of every tag.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';

const root = new URL('../../', import.meta.url);
const manifestUrl = new URL('packages/elements/dist/custom-elements.json', root);
const out = new URL('docs/en/reference/components.md', root);

let manifest;
try {
  manifest = JSON.parse(readFileSync(manifestUrl, 'utf8'));
} catch {
  console.error(`No ${manifestUrl.pathname}: run npm run build first.`);
  process.exit(1);
}

// Markdown table cells: no pipes or line breaks; `<tag>` in prose is escaped so Vue leaves it as text.
const cell = (text) =>
  String(text ?? '')
    .replace(/\|/g, '\\|')
    .replace(/\s*\n\s*/g, ' ')
    .replace(/</g, '&lt;');
const code = (text) => (text ? `\`${String(text).replace(/\|/g, '\\|')}\`` : '');

function table(title, headers, rows) {
  if (rows.length === 0) return [];
  return [
    `### ${title}`,
    '',
    `| ${headers.join(' | ')} |`,
    `|${headers.map(() => '---').join('|')}|`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
    '',
  ];
}

const tags = manifest.modules
  .flatMap((m) => m.declarations ?? [])
  .filter((d) => d.tagName)
  .sort((a, b) => a.tagName.localeCompare(b.tagName));

const lines = [
  '# Components',
  '',
  'Generated from `packages/elements/dist/custom-elements.json` by `scripts/docs/components-reference.mjs`;',
  'the sources are the elements’ JSDoc. See [the widget guide](../elements.md) for how to use them.',
  '',
];
for (const el of tags) {
  const properties = (el.members ?? []).filter(
    (m) => m.kind === 'field' && !m.static && (m.privacy ?? 'public') === 'public',
  );
  lines.push(
    `## \`<${el.tagName}>\``,
    '',
    cell(el.description),
    '',
    ...table(
      'Attributes',
      ['attribute', 'property', 'type', 'default', ''],
      (el.attributes ?? []).map((a) => [
        code(a.name),
        code(a.fieldName),
        code(a.type?.text),
        code(a.default),
        cell(a.description),
      ]),
    ),
    ...table(
      'Properties',
      ['property', 'type', 'read-only', ''],
      properties.map((p) => [code(p.name), code(p.type?.text), p.readonly ? 'yes' : '', cell(p.description)]),
    ),
    ...table(
      'Events',
      ['event', 'detail', ''],
      (el.events ?? []).map((e) => [code(e.name), code(e.type?.text), cell(e.description)]),
    ),
    ...table(
      'Parts',
      ['part', ''],
      (el.cssParts ?? []).map((p) => [code(p.name), cell(p.description)]),
    ),
    ...table(
      'Custom states (`:state(...)`)',
      ['state', ''],
      (el.cssStates ?? []).map((s) => [code(s.name), cell(s.description)]),
    ),
    ...table(
      'Slots',
      ['slot', ''],
      (el.slots ?? []).map((s) => [code(s.name || '(default)'), cell(s.description)]),
    ),
    ...table(
      'CSS custom properties',
      ['token', 'default', ''],
      (el.cssProperties ?? []).map((p) => [code(p.name), code(p.default), cell(p.description)]),
    ),
  );
}

mkdirSync(new URL('.', out), { recursive: true });
writeFileSync(out, `${lines.join('\n')}\n`);
console.log(`${out.pathname}: ${tags.map((t) => `<${t.tagName}>`).join(', ')}`);
