// The docs site's live playground, in chromium, served as static files: the reader signs with
// <smartca-sign>, approves on the simulated phone, and the widget fires smartca-sign-complete. The
// sandbox and the relay run in the page, so the test fails on any request to a host other than the
// site's own. It needs the built site (npm run docs; npm test builds it before the Node tests).
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'puppeteer-core';
import { launch } from '../support/browsers.js';
import { serveStatic, type StaticSite } from '../support/static-site.js';

const DIST = fileURLToPath(new URL('../../docs/.vitepress/dist/', import.meta.url));

let site: StaticSite;
let browser: Browser;

before(async () => {
  assert.ok(existsSync(`${DIST}playground.html`), `the docs site is not built (${DIST}): run npm run docs`);
  site = await serveStatic(DIST);
  browser = await launch('chromium');
});

after(async () => {
  await browser?.close();
  await site?.close();
});

/** Opens `path` with every request outside the site's origin refused and recorded. */
async function open(path: string): Promise<{ page: Page; foreign: string[] }> {
  const page = await browser.newPage();
  const foreign: string[] = [];
  const origin = new URL(site.url).origin;
  await page.setRequestInterception(true);
  page.on('request', (request) => {
    const url = request.url();
    if (url.startsWith('data:') || url.startsWith('blob:') || new URL(url).origin === origin) {
      void request.continue();
    } else {
      foreign.push(url);
      void request.abort();
    }
  });
  await page.goto(`${site.url}${path}`, { waitUntil: 'load' });
  return { page, foreign };
}

for (const path of ['/playground.html', '/en/playground.html']) {
  test(`${path}: sign in the playground, approve on the simulated phone, nothing leaves the origin`, async () => {
    const { page, foreign } = await open(path);
    try {
      await page.waitForSelector('[data-testid="playground"][data-status="ready"]', { timeout: 60_000 });
      // The widget's own button, inside its shadow root, pressed as a reader would.
      const button = await page.waitForSelector('smartca-sign >>> [part~="button"]', { timeout: 20_000 });
      await button!.click();
      const approve = await page.waitForSelector('[data-testid="approve"]', { timeout: 30_000 });
      await approve!.click();
      await page.waitForSelector('[data-testid="event-log"] [data-event="smartca-sign-complete"]', { timeout: 30_000 });
      const events = await page.$$eval('[data-testid="event-log"] [data-event]', (items) =>
        items.map((li) => li.getAttribute('data-event')).reverse(),
      );
      assert.deepEqual(
        events.filter((e) => e?.startsWith('smartca-sign-')),
        ['smartca-sign-start', 'smartca-sign-pending', 'smartca-sign-complete'],
      );
      assert.deepEqual(foreign, [], 'requests left the site');
    } finally {
      await page.close();
    }
  });
}

test('search, fonts and assets are all local: the home pages make no foreign request', async () => {
  for (const path of ['/', '/en/', '/getting-started.html', '/en/reference/components.html']) {
    const { page, foreign } = await open(path);
    await page.close();
    assert.deepEqual(foreign, [], `${path} asked another host`);
  }
});

test('/playground.html: rejecting on the phone cancels, letting it expire expires', async () => {
  const { page, foreign } = await open('/playground.html');
  try {
    await page.waitForSelector('[data-testid="playground"][data-status="ready"]', { timeout: 60_000 });
    for (const [action, event] of [
      ['reject', 'smartca-sign-cancel'],
      ['expire', 'smartca-sign-expire'],
    ] as const) {
      await page.click('[data-testid="new-session"]');
      const button = await page.waitForSelector('smartca-sign >>> [part~="button"]', { timeout: 20_000 });
      await button!.click();
      const press = await page.waitForSelector(`[data-testid="${action}"]`, { timeout: 30_000 });
      await press!.click();
      await page.waitForSelector(`[data-testid="event-log"] [data-event="${event}"]`, { timeout: 30_000 });
    }
    assert.deepEqual(foreign, [], 'requests left the site');
  } finally {
    await page.close();
  }
});

test('/theming.html: a changed --smartca-sys-* token restyles the widget and shows in the CSS to copy', async () => {
  const { page, foreign } = await open('/theming.html');
  try {
    const button = await page.waitForSelector('smartca-sign >>> [part~="button"]', { timeout: 60_000 });
    // Set the colour input as a reader's picker would: its value, then an input event for v-model.
    await page.$eval('[data-token="--smartca-sys-color-primary"]', (input) => {
      (input as HTMLInputElement).value = '#aa0000';
      input.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await page.waitForFunction(
      (el) => getComputedStyle(el as Element).backgroundColor === 'rgb(170, 0, 0)',
      { timeout: 10_000 },
      button,
    );
    const css = await page.$eval('[data-testid="theming-css"]', (pre) => pre.textContent ?? '');
    assert.match(css, /--smartca-sys-color-primary: #aa0000;/);
    assert.deepEqual(foreign, [], 'requests left the site');
  } finally {
    await page.close();
  }
});
