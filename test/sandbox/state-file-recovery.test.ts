import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import * as node from '@smartca-kit/sandbox/node';
import { startSandbox } from '../support/sandbox.js';

const CLI = fileURLToPath(new URL('../../packages/sandbox/src/cli.ts', import.meta.url));
const freshDir = () => mkdtempSync(join(tmpdir(), 'smartca-recover-'));

// A corrupt --data file once crashed start-up with a SyntaxError's stack trace. The sandbox now keeps
// the previous good state as <file>.bak, starts from it when the file is unreadable (saying so), and
// refuses clearly, naming the file, when there is nothing good to start from.
describe('an unreadable state file', () => {
  it('is set aside, and the sandbox starts from the last good copy, saying so on stderr', async (t) => {
    const dataFile = join(freshDir(), 'state.json');
    const first = await startSandbox({ dataFile });
    const root = first.sandbox.rootCertificatePem;
    await fetch(`${first.url}/_sandbox/pricing/LK10`, { method: 'PUT', body: JSON.stringify({ price: 12_345 }) });
    await first.close();
    assert.ok(existsSync(`${dataFile}.bak`), 'the previous state is kept');
    writeFileSync(dataFile, '{"version": 1, "authority": {"ro');

    const errors: string[] = [];
    t.mock.method(console, 'error', (message: string) => errors.push(message));
    const second = await startSandbox({ dataFile });
    try {
      assert.equal(second.sandbox.rootCertificatePem, root, 'same CA: the backup, not a fresh start');
      assert.match(
        errors.join('\n'),
        new RegExp(
          `${escape(dataFile)} is unreadable \\(not JSON.*starts from the last good copy, ${escape(dataFile)}\\.bak`,
        ),
      );
      const aside = readdirSync(join(dataFile, '..')).find((name) => name.startsWith('state.json.corrupt-'));
      assert.ok(aside, 'the corrupt file is kept aside, not overwritten');
      assert.equal(readFileSync(join(dataFile, '..', aside), 'utf8'), '{"version": 1, "authority": {"ro');
    } finally {
      await second.close();
    }
    assert.doesNotThrow(() => JSON.parse(readFileSync(dataFile, 'utf8')), 'written whole again');
  });

  it('with no good backup, start-up fails with a StateFileError naming the file and what to do', async () => {
    const dataFile = join(freshDir(), 'state.json');
    writeFileSync(dataFile, 'not json at all');
    await assert.rejects(
      startSandbox({ dataFile }),
      (error: unknown) =>
        error instanceof node.StateFileError &&
        error.file === dataFile &&
        error.message.includes(dataFile) &&
        /move it away to start afresh/.test(error.message),
    );
    assert.equal(readFileSync(dataFile, 'utf8'), 'not json at all', 'left as it was');
  });

  it('the CLI prints that error, without a stack trace, and exits 1', () => {
    const dataFile = join(freshDir(), 'state.json');
    writeFileSync(dataFile, JSON.stringify({ version: 1, partners: 'not a list' }));
    const result = spawnSync(
      process.execPath,
      ['--conditions=source', '--import', 'tsx', CLI, '--port', '0', '--data', dataFile],
      { encoding: 'utf8', timeout: 30_000 },
    );
    assert.equal(result.status, 1, result.stderr);
    assert.match(result.stderr, new RegExp(`the state file ${escape(dataFile)} is unreadable: not a sandbox state`));
    assert.doesNotMatch(result.stderr, /^\s+at /m, 'no stack trace');
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
