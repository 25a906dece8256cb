import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { createSmartCA } from '@smartca-kit/sdk';
import { randomDigest, SECRET, USERS } from '../support/sandbox.js';

const CLI = fileURLToPath(new URL('../../packages/sandbox/dist/cli.js', import.meta.url));

/** Starts the built `smartca-sandbox` bin and collects its banner. */
async function startCli(args: string[]): Promise<{ child: ChildProcess; url: string; banner: string[] }> {
  const child = spawn(process.execPath, [CLI, '--port', '0', ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout! });
  const banner: string[] = [];
  lines.on('line', (line) => banner.push(line));
  const [first] = (await once(lines, 'line')) as [string];
  const url = /^SmartCA sandbox listening on (http:\/\/127\.0\.0\.1:\d+)$/.exec(first)?.[1];
  assert.ok(url, `first line: ${first}`);
  // The banner ends with the last seeded user.
  while (!banner.some((line) => line.includes(USERS.em))) await once(lines, 'line');
  return { child, url, banner };
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  child.kill('SIGTERM');
  await once(child, 'exit');
}

describe('smartca-sandbox CLI', () => {
  const running: ChildProcess[] = [];
  after(async () => {
    for (const child of running) await stop(child);
  });

  it('prints where it listens, then the seeded partners and users', async () => {
    const { child, banner } = await startCli([]);
    running.push(child);
    const text = banner.join('\n');
    for (const id of ['sandbox-partner', 'sandbox-portal', ...Object.values(USERS)]) assert.ok(text.includes(id), id);
    assert.match(text, /Nguyễn Văn An\s+SMARTCA Đang hoạt động, 5 turns/);
    assert.match(text, /Phạm Thu Dung\s+SMARTCA Hết hạn/);
    assert.match(text, /sandbox-portal.*public service/);
  });

  it('--data keeps the CA, turns and transactions across a restart; --auto-approve approves', async () => {
    const data = join(mkdtempSync(join(tmpdir(), 'smartca-cli-')), 'state.json');
    const first = await startCli(['--data', data, '--auto-approve', '100']);
    running.push(first.child);
    assert.match(first.banner.join('\n'), /approval: automatic after 100 ms/);
    const rootBefore = await (await fetch(`${first.url}/_sandbox/ca.pem`)).text();
    const smartca = createSmartCA({
      environment: first.url,
      credentials: { spId: 'sandbox-partner', spPassword: SECRET },
      trustedRoots: [rootBefore],
    });
    const tx = await smartca.signatures.sign({
      userId: USERS.an,
      documents: [{ docId: 'P-1', digest: randomDigest() }],
    });
    assert.equal((await tx.wait()).status, 'signed');
    await stop(first.child);
    assert.ok(existsSync(data));

    const second = await startCli(['--data', data]);
    running.push(second.child);
    assert.equal(await (await fetch(`${second.url}/_sandbox/ca.pem`)).text(), rootBefore, 'same CA after restart');
    assert.match(second.banner.join('\n'), /Nguyễn Văn An\s+SMARTCA Đang hoạt động, 4 turns/);
    const again = createSmartCA({
      environment: second.url,
      credentials: { spId: 'sandbox-partner', spPassword: SECRET },
      trustedRoots: [rootBefore],
    });
    const resumed = again.signatures.resume({
      transactionId: tx.id,
      documents: [...tx.documents],
      certificate: tx.certificate,
    });
    assert.equal((await resumed.refresh()).status, 'signed', 'the old transaction is still there');
  });

  it('serves the virtual phone page under a strict CSP', async () => {
    const { child, url } = await startCli([]);
    running.push(child);
    const page = await fetch(`${url}/phone`);
    assert.equal(page.status, 200);
    assert.match(page.headers.get('content-security-policy')!, /script-src 'self'/);
    const html = await page.text();
    assert.match(html, /<script type="module" src="\/phone\/app.js"><\/script>/);
    assert.doesNotMatch(html, /<script>/, 'no inline script');
    const script = await fetch(`${url}/phone/app.js`);
    assert.equal(script.headers.get('content-type'), 'text/javascript; charset=utf-8');
    // The script lives in a template string; a stray escape there once broke the whole page.
    const file = join(mkdtempSync(join(tmpdir(), 'phone-')), 'app.mjs');
    writeFileSync(file, await script.text());
    const check = spawnSync(process.execPath, ['--check', file], { encoding: 'utf8' });
    assert.equal(check.status, 0, `the phone script parses:\n${check.stderr}`);
  });

  it('explains bad options and exits 2', () => {
    const result = spawnSync(process.execPath, [CLI, '--port', 'abc'], { encoding: 'utf8' });
    assert.equal(result.status, 2);
    assert.match(result.stderr, /--port must be a non-negative integer/);
    assert.match(result.stderr, /Usage: smartca-sandbox/);
    const help = spawnSync(process.execPath, [CLI, '--help'], { encoding: 'utf8' });
    assert.equal(help.status, 0);
    assert.match(help.stdout, /--auto-approve/);
  });
});
