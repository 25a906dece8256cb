import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'puppeteer-core';
import type { SandboxServer } from '@smartca-kit/sandbox/node';
import { launch } from '../support/browsers.js';
import { clientFor, eventually, randomDigest, startSandbox, USERS } from '../support/sandbox.js';

// The loopback guards seen by a real browser (Debian's chromium), the oracle for what Origin and
// Sec-Fetch-Site a page really sends. `evil.example` resolves to 127.0.0.1 inside this browser only:
// a page there plays a hostile site, and, on the sandbox's port, a DNS-rebinding attack. Another
// loopback port plays the demo portal, which frames the phone.
describe('the loopback guards in a real browser', () => {
  let sandbox: SandboxServer;
  let pages: Server;
  let pagesPort: number;
  let sandboxPort: string;
  let browser: Browser;
  let page: Page;
  before(async () => {
    sandbox = await startSandbox();
    sandboxPort = new URL(sandbox.url).port;
    pages = createServer((req, res) => {
      const html = (body: string) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(body);
      if (req.url === '/frame') return html(`<iframe id="phone" src="${sandbox.url}/phone?user=${USERS.an}"></iframe>`);
      if (req.url === '/csrf') {
        return html(
          `<form method="post" action="${sandbox.url}/_sandbox/reset"></form>` +
            '<script>document.forms[0].submit()</script>',
        );
      }
      html('<p>returned</p>');
    });
    pages.listen(0, '127.0.0.1');
    await once(pages, 'listening');
    pagesPort = (pages.address() as AddressInfo).port;
    // The shared launcher: the house flags, and off faketime (chromium crawls under libfaketime).
    browser = await launch('chromium', ['--host-resolver-rules=MAP evil.example 127.0.0.1']);
    page = await browser.newPage();
  });
  after(async () => {
    await browser?.close();
    pages?.close();
    await sandbox?.close();
  });

  it('a loopback page (the demo portal) frames the phone, and approving in it works', async () => {
    const tx = await clientFor(sandbox).signatures.sign({
      userId: USERS.an,
      documents: [{ docId: 'frame', digest: randomDigest() }],
    });
    await page.goto(`http://127.0.0.1:${pagesPort}/frame`);
    const frame = await eventually(() => page.frames().find((f) => f.url().startsWith(`${sandbox.url}/phone`)), 10_000);
    const approve = await frame.waitForSelector('button.approve', { timeout: 10_000 });
    await approve!.click();
    await eventually(() => (sandbox.sandbox.transaction(tx.id)?.status === 'signed' ? true : undefined), 10_000);
  });

  it('the hosted payment page pays from its own origin', async () => {
    const order = await clientFor(sandbox).payments.createOrder({
      userId: USERS.an,
      pricingCode: 'LK10',
      paymentMethod: 'vnpt-money',
      returnUrl: `http://127.0.0.1:${pagesPort}/paid`,
    });
    await page.goto(order.paymentUrl);
    await Promise.all([page.waitForNavigation(), page.click('button.approve')]);
    assert.match(page.url(), /\/paid\?orderId=.*status=paid/);
    assert.equal(sandbox.sandbox.state.commerce!.orders.find((o) => o.orderId === order.id)?.status, 'PAID');
  });

  it('a hostile site cannot frame the phone', async () => {
    await page.goto(`http://evil.example:${pagesPort}/frame`);
    await new Promise((r) => setTimeout(r, 500));
    const phone = page.frames().find((f) => f !== page.mainFrame());
    const shown = await phone?.evaluate(() => Boolean(document.getElementById('user'))).catch(() => false);
    assert.equal(shown, false, 'the phone page did not render inside a foreign frame');
  });

  it("a hostile site's form cannot reset the sandbox", async () => {
    await clientFor(sandbox).signatures.sign({
      userId: USERS.cuong,
      documents: [{ docId: 'keep', digest: randomDigest() }],
    });
    const count = sandbox.sandbox.state.transactions.length;
    const [answer] = await Promise.all([page.waitForNavigation(), page.goto(`http://evil.example:${pagesPort}/csrf`)]);
    assert.equal(answer?.status(), 403);
    assert.equal(sandbox.sandbox.state.transactions.length, count, 'not reset');
  });

  it("a DNS-rebinding page on the sandbox's port cannot read the outbox", async () => {
    const answer = await page.goto(`http://evil.example:${sandboxPort}/_sandbox/outbox`);
    assert.equal(answer?.status(), 403);
    assert.match(await page.content(), /HOST_NOT_ALLOWED/);
  });
});
