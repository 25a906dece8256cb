import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

// The SDK's floors run one way: model ← protocol ← resources ← client ← relay. model/ is vocabulary
// (types only); protocol/ speaks VNPT's wire and is the only place its field names appear; resources/
// are the client's calls. These tests fail when a change breaks that, or adds an import circle.
const ROOT = fileURLToPath(new URL('../../', import.meta.url));

interface Import {
  from: string;
  to: string;
  typeOnly: boolean;
  line: string;
}

function sources(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { recursive: true })
    .map(String)
    .filter((f) => f.endsWith('.ts'))
    .map((f) => join(dir, f));
}

function importsOf(file: string): Import[] {
  const text = readFileSync(join(ROOT, file), 'utf8');
  return [...text.matchAll(/^(?:import|export)(\s+type)?[^;]*?from\s+'(\.[^']+)'/gms)].map((m) => ({
    from: file,
    to: normalize(join(dirname(file), m[2]!)).replace(/\.js$/, '.ts'),
    typeOnly: Boolean(m[1]),
    line: m[0].split('\n')[0]!,
  }));
}

/** Import circles among a package's modules, type-only imports included. */
function circles(dir: string): string[][] {
  const graph = new Map(sources(dir).map((f) => [f, importsOf(f).map((i) => i.to)]));
  const state = new Map<string, 'open' | 'done'>();
  const found: string[][] = [];
  const visit = (node: string, path: string[]) => {
    state.set(node, 'open');
    for (const next of graph.get(node) ?? []) {
      if (state.get(next) === 'open')
        found.push([...path.slice(path.indexOf(next)), node, next].map((p) => relative(dir, p)));
      else if (!state.has(next)) visit(next, [...path, node]);
    }
    state.set(node, 'done');
  };
  for (const node of graph.keys()) if (!state.has(node)) visit(node, []);
  return found;
}

const SDK = 'packages/sdk/src';
const sdkImports = sources(SDK).flatMap(importsOf);
const within = (file: string, folder: string) => file.startsWith(`${SDK}/${folder}`);

describe("layering: the SDK's floors and the packages' import graphs", () => {
  it('"protocol" means VNPT\'s wire only: the relay\'s own contract is relay/contract/', () => {
    const elsewhere = sources(SDK).filter((f) => /\/protocol\//.test(f) && !within(f, 'protocol/'));
    assert.deepEqual(elsewhere, []);
  });

  it('model/ is types only: type-only imports, and no values exported', () => {
    for (const file of sources(`${SDK}/model`)) {
      const text = readFileSync(join(ROOT, file), 'utf8');
      assert.doesNotMatch(text, /^export (const|let|function|class|enum)\b/m, `${file} exports a value`);
      for (const i of importsOf(file)) assert.ok(i.typeOnly, `${file}: ${i.line}`);
    }
  });

  it('protocol/ never imports resources/, the client or the relay; resources/ never the client or the relay', () => {
    const offending = sdkImports.filter(
      (i) =>
        (within(i.from, 'protocol/') &&
          (within(i.to, 'resources/') || within(i.to, 'relay') || i.to === `${SDK}/client.ts`)) ||
        (within(i.from, 'resources/') && (within(i.to, 'relay') || i.to === `${SDK}/client.ts`)) ||
        (within(i.from, 'model/') &&
          !within(i.to, 'model/') &&
          !within(i.to, 'certificates/') &&
          !within(i.to, 'commerce/validation/')),
    );
    assert.deepEqual(
      offending.map((i) => `${relative(SDK, i.from)}: ${i.line}`),
      [],
    );
  });

  for (const pkg of ['sdk', 'sandbox', 'documents', 'elements']) {
    it(`packages/${pkg}: no import circles`, () => {
      assert.deepEqual(circles(`packages/${pkg}/src`), []);
    });
  }

  it("VNPT's wire field names appear in code only under protocol/ (comments and strings aside)", () => {
    const wire =
      /\b(sp_id|sp_password|user_id|transaction_id|tran_code|data_to_be_signed|sign_files|doc_id|signature_value|cert_data|chain_data|user_certificates|status_code|refTranId|tranId|tranStatus|codeDesc|dataBase64|dataSigned|hashResps|signResps|fileID)\b/;
    // Deprecated aliases kept for callers of earlier versions (each says @deprecated where it is declared).
    const aliases =
      /^\s*(refTranId|tranId)\?*: string( \| undefined)?;$|params\.refTranId|tranId: wire\.tranId, refTranId: wire\.refTranId/;
    const found: string[] = [];
    for (const file of sources(SDK).filter((f) => !within(f, 'protocol/'))) {
      const code = readFileSync(join(ROOT, file), 'utf8')
        .replace(/\/\*[\s\S]*?\*\//g, (c) => c.replace(/[^\n]/g, ' ')) // block comments, keeping line numbers
        .split('\n');
      code.forEach((raw, n) => {
        const line = raw.replace(/\/\/.*$/, '').replace(/'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"|`(?:[^`\\]|\\.)*`/g, "''");
        if (wire.test(line) && !aliases.test(raw)) found.push(`${relative(SDK, file)}:${n + 1}: ${raw.trim()}`);
      });
    }
    assert.deepEqual(found, []);
  });
});
