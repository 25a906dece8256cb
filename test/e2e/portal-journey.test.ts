import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Frame, Page } from 'puppeteer-core';
import { simplePdf } from '../support/pdf-fixtures.js';
import { pdfsig, scratch } from '../support/validators.js';
import { startPortalProcess, type PortalProcess } from '../support/portal-process.js';
import { launch } from '../support/browsers.js';

// Citizens' journeys through the demo portal in a real browser (Debian's chromium, driven over the
// DevTools protocol; nothing is downloaded), against the same entry point `npm start` runs: fill in
// the request, review the PDF, sign with <smartca-sign> (reloading in the middle, or buying turns on
// the payment page first), approve on the virtual phone shown beside the portal, and download a signed
// PDF that poppler's pdfsig validates.
// The browser: test/support/browsers.ts's launch() (PdfOopif off, and off faketime; reasons there).

/**
 * The text of a part inside <smartca-sign>, once it exists. Polled: a MutationObserver on the document
 * (what `waitForSelector` uses) does not see changes inside a shadow root.
 */
async function widgetPart(page: Page, part: string): Promise<string> {
  const handle = await page.waitForFunction(
    (name) =>
      document.querySelector('smartca-sign')?.shadowRoot?.querySelector(`[part~="${name}"]`)?.textContent?.trim(),
    { polling: 100, timeout: 20_000 },
    part,
  );
  return String(await handle.jsonValue());
}

/** Waits until a part of <smartca-sign> reads `pattern`. */
async function widgetPartMatching(page: Page, part: string, pattern: RegExp): Promise<string> {
  const handle = await page.waitForFunction(
    (name, source) => {
      const text = document
        .querySelector('smartca-sign')
        ?.shadowRoot?.querySelector(`[part~="${name}"]`)
        ?.textContent?.trim();
      return text && new RegExp(source).test(text) ? text : undefined;
    },
    { polling: 100, timeout: 20_000 },
    part,
    pattern.source,
  );
  return String(await handle.jsonValue());
}

/** Waits until the inline <smartca-buy-turns> shows `selector` (polled, as for widgetPart), and returns its text. */
async function buyFlowShows(page: Page, selector: string): Promise<string> {
  const handle = await page.waitForFunction(
    (sel) => {
      const buy = document.querySelector('smartca-sign')?.shadowRoot?.querySelector('smartca-buy-turns');
      const found = buy?.shadowRoot?.querySelector(sel);
      return found ? found.textContent?.trim() || sel : undefined;
    },
    { polling: 100, timeout: 20_000 },
    selector,
  );
  return String(await handle.jsonValue());
}

/**
 * Runs `action` and waits until the page's URL satisfies `arrived`, then for its DOM. A poll rather
 * than `waitForNavigation`, so that a miss can say where puppeteer and the browser each think the tab
 * is (see CHROMIUM_ARGS in test/support/browsers.ts for the miss this journey used to hit).
 */
async function navigateBy(
  page: Page,
  action: () => Promise<unknown>,
  arrived: (url: string) => boolean,
): Promise<void> {
  await action();
  const deadline = Date.now() + 30_000;
  while (!arrived(page.url())) {
    if (Date.now() > deadline) {
      throw new Error(
        `no navigation: still at ${page.url()}; ${await widgetSummary(page)}; ${await browserView(page)}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await page
    .waitForFunction(() => document.readyState !== 'loading', { polling: 100, timeout: 20_000 })
    .catch(async (error: unknown) => {
      throw new Error(`${String(error)}; ${await browserView(page)}`);
    });
}

/** Where the browser itself says the tab is, asked over a CDP session of its own (for failure messages). */
async function browserView(page: Page): Promise<string> {
  try {
    const cdp = await page.target().createCDPSession();
    const answer = (await Promise.race([
      cdp.send('Runtime.evaluate', { expression: 'location.href + " " + document.readyState', returnByValue: true }),
      new Promise((resolve) => setTimeout(() => resolve({ result: { value: '(no answer in 5 s)' } }), 5000)),
    ])) as { result: { value: unknown } };
    return `page.url()=${page.url()} target=${page.target().url()} browser=${String(answer.result.value)} frames=${page.frames().length}`;
  } catch (error) {
    return `(no browser view: ${String(error)})`;
  }
}

/** What the widgets show, for a failure message. */
async function widgetSummary(page: Page): Promise<string> {
  return page
    .evaluate(() => {
      const sign = document.querySelector('smartca-sign') as (Element & { state?: string }) | null;
      const buy = sign?.shadowRoot?.querySelector('smartca-buy-turns') as (Element & { state?: string }) | null;
      const status = (el: Element | null | undefined) =>
        el?.shadowRoot?.querySelector('[part~="status"]')?.textContent?.trim();
      return JSON.stringify({ sign: sign?.state, signStatus: status(sign), buy: buy?.state, buyStatus: status(buy) });
    })
    .catch((error: unknown) => `(no summary: ${String(error)})`);
}

/**
 * Clicks `#download`, a link to a Blob the page made, and returns the file the browser saved as `name`:
 * downloaded as the citizen downloads it, into a folder of ours.
 */
async function downloadBlob(page: Page, name: string): Promise<Buffer> {
  const folder = scratch('smartca-upload-downloads-').dir;
  const cdp = await page.createCDPSession();
  await cdp.send('Browser.setDownloadBehavior', { behavior: 'allow', downloadPath: folder });
  await page.click('#download');
  return downloaded(join(folder, name));
}

/** A file the browser downloads, once it is complete (Chrome writes to a `.crdownload` name, then renames it). */
async function downloaded(path: string): Promise<Buffer> {
  const deadline = Date.now() + 20_000;
  while (!existsSync(path)) {
    if (Date.now() > deadline) throw new Error(`no download at ${path}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return readFileSync(path);
}

/** The signed PDF behind the download link, checked by pdfsig. */
async function downloadAndValidate(
  page: Page,
): Promise<{ bytes: Buffer; verdict: Awaited<ReturnType<typeof pdfsig>> }> {
  const href = await page.$eval('#download', (a) => (a as HTMLAnchorElement).href);
  const response = await fetch(href);
  assert.equal(response.headers.get('content-type'), 'application/pdf');
  const bytes = Buffer.from(await response.arrayBuffer());
  const verdict = await pdfsig(scratch('smartca-portal-').file('signed.pdf', bytes));
  return { bytes, verdict };
}

/** The phone frame, once it shows a request for `docId`; approves it. */
async function approveOnPhone(page: Page, phoneUrl: string, docId: string): Promise<void> {
  const phone = page.frames().find((f: Frame) => f.url().startsWith(phoneUrl));
  assert.ok(phone, 'the phone frame is on the page');
  const approve = await phone.waitForSelector('button.approve', { timeout: 20_000 });
  assert.match(await phone.$eval('.docs', (p) => p.textContent ?? ''), new RegExp(docId));
  await approve!.click();
}

describe('demo portal: citizens sign a birth-registration request, or a PDF of their own, in a real browser', () => {
  let server: PortalProcess;
  let browser: Browser;
  const violations: string[] = [];
  const pageErrors: string[] = [];

  // Each journey in its own tab: a fresh sessionStorage, as for a new visitor.
  async function openPage(): Promise<Page> {
    const tab = await browser.newPage();
    tab.on('pageerror', (error) => pageErrors.push(String(error)));
    await tab.evaluateOnNewDocument(() => {
      document.addEventListener('securitypolicyviolation', (e) =>
        console.error(`CSP ${e.violatedDirective} ${e.blockedURI}`),
      );
    });
    tab.on('console', (message) => {
      if (message.text().startsWith('CSP ')) violations.push(message.text());
    });
    return tab;
  }

  before(async () => {
    server = await startPortalProcess();
    browser = await launch('chromium');
  });
  after(async () => {
    await browser?.close();
    server?.child.kill('SIGTERM');
  });

  it('001099000001 (5 turns): fill in → review the PDF → sign → reload mid-way → approve → a valid signed PDF', async () => {
    const page = await openPage();
    await page.goto(`${server.portal}/`, { waitUntil: 'networkidle0' });
    assert.equal(
      await page.$eval('#phone', (f, phone) => (f as HTMLIFrameElement).src.startsWith(phone), server.phone),
      true,
      'the phone is shown beside the portal',
    );

    await page.click('#application button[type="submit"]');
    await page.waitForSelector('#review:not([hidden])');
    const docId = await page.$eval('#review-docid', (el) => el.textContent ?? '');
    assert.match(docId, /^HS-\d{8}-\d{6}$/);
    const pdfUrl = await page.$eval('#document', (f) => (f as HTMLIFrameElement).src);
    const unsigned = await fetch(pdfUrl);
    assert.equal(unsigned.headers.get('content-type'), 'application/pdf', 'the citizen reviews the PDF itself');

    assert.equal(await widgetPart(page, 'button'), 'Ký bằng SmartCA');
    await (await page.$('smartca-sign >>> [part~="button"]'))!.click();
    assert.equal(await widgetPart(page, 'doc-id'), docId, 'the widget shows the doc_id the app shows');

    // A reload in the middle: the portal restores the application and the widget the transaction.
    await page.reload({ waitUntil: 'domcontentloaded' });
    assert.equal(await widgetPart(page, 'doc-id'), docId);
    assert.match(await widgetPart(page, 'status'), /Đang chờ bạn xác nhận/);
    await approveOnPhone(page, server.phone, docId);

    await page.waitForSelector('#done:not([hidden])', { timeout: 20_000 });
    assert.equal(await page.$eval('#done-signer', (d) => d.textContent), 'Nguyễn Văn An');
    assert.equal(await page.$eval('#done-docid', (d) => d.textContent), docId);
    const { bytes, verdict } = await downloadAndValidate(page);
    assert.equal(verdict.signatures, 1, verdict.output);
    assert.match(verdict.output, /Signature Validation: Signature is Valid\./);
    const original = Buffer.from(await unsigned.arrayBuffer());
    assert.ok(
      bytes.subarray(0, original.length).equals(original),
      'an incremental update of the PDF the citizen reviewed',
    );

    assert.deepEqual(violations, [], 'the portal and the widget run under a strict CSP without violations');
    assert.deepEqual(pageErrors, []);
  });

  it('001199000002 (0 turns): out of turns → buy a pack on the payment page → redirected back → signs by itself', async () => {
    const page = await openPage();
    await page.goto(`${server.portal}/`, { waitUntil: 'networkidle0' });
    await page.waitForSelector('#application:not([hidden])');
    const citizen: [string, string][] = [
      ['userId', '001199000002'],
      ['requesterName', 'Trần Thị Bình'],
      ['relationship', 'Mẹ'],
    ];
    for (const [name, value] of citizen) {
      await page.$eval(
        `#application [name="${name}"]`,
        (input, v) => {
          (input as HTMLInputElement).value = v;
        },
        value,
      );
    }
    await page.click('#application button[type="submit"]');
    await page.waitForSelector('#review:not([hidden])');
    const docId = await page.$eval('#review-docid', (el) => el.textContent ?? '');

    await (await page.$('smartca-sign >>> [part~="button"]'))!.click();
    await widgetPartMatching(page, 'status', /hết lượt ký/); // signing stops for lack of turns and says so
    // The buy flow, inside the widget: the catalog, a pack, a payment method, then the payment page.
    await buyFlowShows(page, '[part~="button"]');
    assert.match(await buyFlowShows(page, '[part~="balance"]'), /: 0 lượt ký$/, 'the balance before buying');
    await (await page.$('smartca-sign >>> smartca-buy-turns >>> input[value="LK20"]'))!.click();
    await (await page.$('smartca-sign >>> smartca-buy-turns >>> input[value="credit-card"]'))!.click();
    await buyFlowShows(page, 'input[value="LK20"]:checked');
    await buyFlowShows(page, 'input[value="credit-card"]:checked');
    // Pressed from the keyboard (the path a keyboard user takes): a mouse click lands on coordinates
    // read a moment earlier, which a busy machine can make stale.
    const pay = async () => {
      await page.evaluate(() =>
        document
          .querySelector('smartca-sign')
          ?.shadowRoot?.querySelector('smartca-buy-turns')
          ?.shadowRoot?.querySelector<HTMLButtonElement>('[part~="button"]')
          ?.focus(),
      );
      await page.keyboard.press('Enter');
    };
    await navigateBy(page, pay, (url) => url.includes('/pay/'));
    assert.match(page.url(), /\/pay\//, 'the whole page went to the hosted payment page');
    assert.match(await page.$eval('main', (m) => m.textContent ?? ''), /Thẻ tín dụng/);

    // Approve: the payment page redirects back to the portal, which restores the application.
    await navigateBy(
      page,
      () => page.click('button.approve'),
      (url) => url.startsWith(`${server.portal}/`),
    );
    assert.ok(page.url().startsWith(`${server.portal}/`), 'back on the portal');
    assert.equal(new URL(page.url()).searchParams.get('status'), 'paid');
    await page.waitForSelector('#review:not([hidden])');
    assert.equal(await widgetPartMatching(page, 'doc-id', /HS-/), docId, 'the signature resumed by itself');
    await approveOnPhone(page, server.phone, docId);

    await page.waitForSelector('#done:not([hidden])', { timeout: 20_000 });
    assert.equal(await page.$eval('#done-signer', (d) => d.textContent), 'Trần Thị Bình');
    const { verdict } = await downloadAndValidate(page);
    assert.equal(verdict.signatures, 1, verdict.output);
    assert.match(verdict.output, /Signature Validation: Signature is Valid\./);

    assert.deepEqual(violations, [], 'no CSP violation on the portal, in the widget or in the buy flow');
    assert.deepEqual(pageErrors, []);
  });

  it('079088000003 (unlimited): a PDF of their own, prepared in the browser, only its digest sent → approve → a valid signed PDF', async () => {
    const page = await openPage();
    const sentBodies: string[] = [];
    page.on('request', (request) => {
      const body = request.postData();
      if (body) sentBodies.push(body);
    });
    // xref and object streams plus an AcroForm: the browser build must handle the PDF 1.5 structures too.
    const original = await simplePdf({ objectStreams: true, form: true, pages: 3 });
    const path = scratch('smartca-upload-').file('hop-dong.pdf', original);
    await page.goto(`${server.portal}/ky-tep`, { waitUntil: 'networkidle0' });
    await page.$eval('#pick [name="userId"]', (input) => {
      (input as HTMLInputElement).value = '079088000003';
    });
    // A file that is not a PDF: the browser build's typed error says so, in Vietnamese, and nothing is sent.
    await (await page.$('#pick input[type="file"]'))!.uploadFile(
      scratch('smartca-upload-').file('ghi-chu.pdf', 'ghi chú'),
    );
    await page.click('#pick button[type="submit"]');
    await page.waitForFunction(() => document.getElementById('pick-error')?.textContent, {
      polling: 100,
      timeout: 20_000,
    });
    const said = await page.$eval('#pick-error', (p) => p.textContent ?? '');
    // The citizen's words, not the parser's: no "%PDF- header".
    assert.match(said, /^Tệp đã chọn không phải tệp PDF/);
    assert.doesNotMatch(said, /%PDF|header|startxref/);
    assert.ok(!sentBodies.some((body) => body.includes('"digest"')), 'no token was asked for');
    await (await page.$('#pick input[type="file"]'))!.uploadFile(path);
    await page.click('#pick button[type="submit"]');
    await page.waitForSelector('#review:not([hidden])', { timeout: 20_000 });
    const docId = await page.$eval('#review-docid', (el) => el.textContent ?? '');
    assert.match(docId, /^TL-[0-9A-F]{12}$/);

    await (await page.$('smartca-sign >>> [part~="button"]'))!.click();
    assert.equal(await widgetPart(page, 'doc-id'), docId);
    await approveOnPhone(page, server.phone, docId);
    await page.waitForSelector('#done:not([hidden])', { timeout: 20_000 });
    assert.equal(await page.$eval('#done-signer', (d) => d.textContent), 'Lê Hoàng Cường');

    const signed = await downloadBlob(page, 'hop-dong-da-ky.pdf');
    assert.ok(signed.subarray(0, original.length).equals(Buffer.from(original)), 'the original is an untouched prefix');
    const verdict = await pdfsig(scratch('smartca-upload-').file('signed.pdf', signed));
    assert.equal(verdict.signatures, 1, verdict.output);
    assert.match(verdict.output, /Signature Validation: Signature is Valid\./);

    // Nothing of the file left the page: every request body is small, and none carries PDF syntax.
    assert.ok(sentBodies.length > 0);
    for (const body of sentBodies) {
      assert.ok(body.length < 4096, `a ${body.length}-byte request body`);
      assert.doesNotMatch(body, /%PDF|endobj|JVBERi/);
    }
    assert.deepEqual(violations, [], 'no CSP violation when the documents bundle loads and the Blob downloads');
    assert.deepEqual(pageErrors, []);
  });

  it('001199000002 out of turns on /ky-tep: the payment page opens in a new tab, the page stays and signs once paid', async () => {
    // Bình bought turns in an earlier journey: take them away again through the sandbox's admin API.
    const sandbox = new URL(server.phone).origin;
    const summary = (await (await fetch(`${sandbox}/_sandbox`)).json()) as {
      users: { userId: string; certificates: { certId: string; serviceType: string }[] }[];
    };
    const certId = summary.users
      .find((u) => u.userId === '001199000002')!
      .certificates.find((c) => c.serviceType === 'SMARTCA')!.certId;
    const emptied = await fetch(`${sandbox}/_sandbox/certificates/${certId}/pack`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ totalSignLimit: 0, signedTurn: 0 }),
    });
    assert.equal(emptied.status, 200);

    const page = await openPage();
    const original = await simplePdf({ pages: 2 });
    const path = scratch('smartca-upload-').file('don-xin-xac-nhan.pdf', original);
    await page.goto(`${server.portal}/ky-tep`, { waitUntil: 'networkidle0' });
    await page.$eval('#pick [name="userId"]', (input) => {
      (input as HTMLInputElement).value = '001199000002';
    });
    await (await page.$('#pick input[type="file"]'))!.uploadFile(path);
    await page.click('#pick button[type="submit"]');
    await page.waitForSelector('#review:not([hidden])', { timeout: 20_000 });
    const docId = await page.$eval('#review-docid', (el) => el.textContent ?? '');

    await (await page.$('smartca-sign >>> [part~="button"]'))!.click();
    await widgetPartMatching(page, 'status', /hết lượt ký/);
    await buyFlowShows(page, '[part~="button"]');
    await (await page.$('smartca-sign >>> smartca-buy-turns >>> input[value="LK10"]'))!.click();
    await buyFlowShows(page, 'input[value="LK10"]:checked');
    const opened = new Promise<Page | null>((resolve) => {
      browser.once('targetcreated', (target: { page(): Promise<Page | null> }) => resolve(target.page()));
    });
    await page.evaluate(() =>
      document
        .querySelector('smartca-sign')
        ?.shadowRoot?.querySelector('smartca-buy-turns')
        ?.shadowRoot?.querySelector<HTMLButtonElement>('[part~="button"]')
        ?.focus(),
    );
    await page.keyboard.press('Enter');
    const payment = (await opened)!;
    await payment.waitForSelector('button.approve', { timeout: 20_000 });
    assert.match(payment.url(), /\/pay\//, 'the payment page is in the new tab');
    assert.ok(page.url().startsWith(`${server.portal}/ky-tep`), 'the signing page stayed where it was');
    await payment.click('button.approve');
    // The payment page returns to /ky-tep in its own tab: no empty form pre-filled with another
    // citizen's number while signing goes on in the first tab, but "go back to the signing tab" (the
    // tab closes itself, as a tab a script opened may).
    const deadline = Date.now() + 20_000;
    let returned = '';
    while (!payment.isClosed() && !returned) {
      returned = await payment
        .evaluate(() =>
          document.getElementById('returned')?.hidden === false && document.getElementById('pick')?.hidden
            ? (document.getElementById('returned')!.textContent ?? '')
            : '',
        )
        .catch(() => '');
      if (Date.now() > deadline) throw new Error(`the returned tab shows neither: ${payment.url()}`);
      if (!returned) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    if (returned) assert.match(returned, /Quay lại thẻ/i);
    await page.bringToFront(); // the citizen goes back to the signing tab

    // The widget follows the payment in place, then sends the same digest for signing by itself.
    assert.equal(await widgetPartMatching(page, 'doc-id', /TL-/), docId);
    await approveOnPhone(page, server.phone, docId);
    await page.waitForSelector('#done:not([hidden])', { timeout: 20_000 });
    assert.equal(await page.$eval('#done-signer', (d) => d.textContent), 'Trần Thị Bình');
    const signed = await downloadBlob(page, 'don-xin-xac-nhan-da-ky.pdf');
    assert.ok(signed.subarray(0, original.length).equals(Buffer.from(original)));
    assert.match(
      (await pdfsig(scratch('smartca-upload-').file('signed.pdf', signed))).output,
      /Signature Validation: Signature is Valid\./,
    );
    if (!payment.isClosed()) await payment.close();
    assert.deepEqual(pageErrors, []);
  });
});
