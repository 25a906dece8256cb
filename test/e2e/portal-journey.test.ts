import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, createPublicKey, verify } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';

// One citizen's journey through the demo portal in a real browser (Debian's chromium, driven over the
// DevTools protocol; nothing is downloaded), against the same entry point `npm start` runs: fill in
// the request, sign with <smartca-sign>, reload in the middle, approve on the virtual phone shown
// beside the portal, and download the signed application.
const SERVER = fileURLToPath(new URL('../../examples/portal/server.mjs', import.meta.url));
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
  '--disable-sync', '--no-first-run', '--disable-quic'];

function startServer(): Promise<{ child: ChildProcess; portal: string; phone: string }> {
  const child = spawn(process.execPath, [SERVER, '--port', '0', '--sandbox-port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const portal = /portal: (http:\/\/\S+?)\/\s/.exec(out)?.[1];
      const phone = /phone: {2}(http:\/\/\S+)/.exec(out)?.[1];
      if (portal && phone) resolve({ child, portal, phone });
    });
    child.once('exit', (code) => reject(new Error(`the portal exited with ${code}: ${out}`)));
  });
}

/**
 * The text of a part inside <smartca-sign>, once it exists. Polled: a MutationObserver on the document
 * (what `waitForSelector` uses) does not see changes inside a shadow root.
 */
async function widgetPart(page: Page, part: string): Promise<string> {
  const handle = await page.waitForFunction((name) => document.querySelector('smartca-sign')?.shadowRoot
    ?.querySelector(`[part~="${name}"]`)?.textContent?.trim(), { polling: 100, timeout: 20_000 }, part);
  return String(await handle.jsonValue());
}

describe('demo portal: a citizen signs a birth-registration request in a real browser', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: Browser;
  let page: Page;
  const violations: string[] = [];
  const pageErrors: string[] = [];

  before(async () => {
    server = await startServer();
    browser = await puppeteer.launch({ executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
    page = await browser.newPage();
    page.on('pageerror', (error) => pageErrors.push(String(error)));
    await page.evaluateOnNewDocument(() => {
      document.addEventListener('securitypolicyviolation', (e) => console.error(`CSP ${e.violatedDirective} ${e.blockedURI}`));
    });
    page.on('console', (message) => {
      if (message.text().startsWith('CSP ')) violations.push(message.text());
    });
  });
  after(async () => {
    await browser?.close();
    server?.child.kill('SIGTERM');
  });

  it('fill in → sign → reload mid-way → approve on the phone → signed and verifiable', async () => {
    await page.goto(`${server.portal}/`, { waitUntil: 'networkidle0' });
    assert.equal(server.phone.endsWith('/phone'), true);
    assert.equal(await page.$eval('#phone', (f, phone) => (f as HTMLIFrameElement).src.startsWith(phone), server.phone),
      true, 'the phone is shown beside the portal');

    await page.click('#application button[type="submit"]');
    await page.waitForSelector('#review:not([hidden])');
    const docId = await page.$eval('#document', (pre) => /Mã hồ sơ: (\S+)/.exec(pre.textContent ?? '')?.[1] ?? '');
    assert.match(docId, /^HS-\d{8}-\d{6}$/);

    assert.equal(await widgetPart(page, 'button'), 'Ký bằng SmartCA');
    await (await page.$('smartca-sign >>> [part~="button"]'))!.click();
    assert.equal(await widgetPart(page, 'doc-id'), docId, 'the widget shows the doc_id the app shows');

    // A reload in the middle: the portal restores the application and the widget the transaction.
    await page.reload({ waitUntil: 'domcontentloaded' });
    assert.equal(await widgetPart(page, 'doc-id'), docId);
    assert.match(await widgetPart(page, 'status'), /Đang chờ bạn xác nhận/);

    const phone = page.frames().find((f) => f.url().startsWith(server.phone));
    assert.ok(phone, 'the phone frame is on the page');
    const approve = await phone.waitForSelector('button.approve');
    assert.match(await phone.$eval('.docs', (p) => p.textContent ?? ''), new RegExp(docId));
    await approve!.click();

    await page.waitForSelector('#done:not([hidden])', { timeout: 20_000 });
    assert.equal(await page.$eval('#done-signer', (d) => d.textContent), 'Nguyễn Văn An');
    assert.equal(await page.$eval('#done-docid', (d) => d.textContent), docId);

    const href = await page.$eval('#download', (a) => (a as HTMLAnchorElement).href);
    const signed = await (await fetch(href)).json();
    assert.equal(createHash('sha256').update(signed.document).digest('hex'), signed.sha256);
    const key = createPublicKey(signed.certificatePem);
    assert.equal(verify('sha256', Buffer.from(signed.document), key, Buffer.from(signed.signature, 'base64')), true,
      'OpenSSL verifies the signature over the application the citizen reviewed');

    assert.deepEqual(violations, [], 'the portal and the widget run under a strict CSP without violations');
    assert.deepEqual(pageErrors, []);
  });
});
