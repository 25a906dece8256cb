// The browsers the journeys run in, both Debian's and driven by puppeteer-core (nothing downloads a
// browser): chromium over the DevTools protocol, Firefox ESR over WebDriver BiDi. And the two screens
// citizens use: a phone (390×844, a mobile user agent) and a desktop (1366×900).
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';

export type BrowserName = 'chromium' | 'firefox';

/** Screenshots and other artifacts of the journeys: gitignored, kept by CI as the run's artifacts. */
export const ARTIFACTS = fileURLToPath(new URL('../../test-artifacts/', import.meta.url));

// PdfOopif off: Chrome then shows a reviewed PDF in its in-process viewer, not in out-of-process
// frames, with which puppeteer 24 sometimes missed the main frame's navigation to the payment page.
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  '--disable-features=PdfOopif',
];
const EXECUTABLES: Record<BrowserName, string> = { chromium: '/usr/bin/chromium', firefox: '/usr/bin/firefox-esr' };

// Under faketime (CI's second run) the servers see the shifted clock; the browser, a citizen's own
// machine, keeps the real one (chromium crawls under libfaketime).
const BROWSER_ENV = Object.fromEntries(
  Object.entries(process.env).filter(([name]) => name !== 'LD_PRELOAD' && !name.startsWith('FAKETIME')),
) as Record<string, string>;

/** The browsers installed here; SMARTCA_BROWSERS=chromium (or firefox) picks one. */
export function installedBrowsers(): BrowserName[] {
  const wanted = (process.env.SMARTCA_BROWSERS ?? 'chromium,firefox').split(',').map((b) => b.trim());
  return (['chromium', 'firefox'] as const).filter((b) => wanted.includes(b) && existsSync(EXECUTABLES[b]));
}

/** Launches `name` headless, off faketime; `chromiumArgs` adds flags (e.g. a host resolver rule). */
export function launch(name: BrowserName, chromiumArgs: readonly string[] = []): Promise<Browser> {
  return name === 'chromium'
    ? puppeteer.launch({
        executablePath: EXECUTABLES.chromium,
        headless: true,
        args: [...CHROMIUM_ARGS, ...chromiumArgs],
        env: BROWSER_ENV,
      })
    : puppeteer.launch({ browser: 'firefox', executablePath: EXECUTABLES.firefox, headless: true, env: BROWSER_ENV });
}

export interface Screen {
  name: 'phone' | 'desktop';
  width: number;
  height: number;
  mobile: boolean;
}

export const SCREENS: Screen[] = [
  { name: 'phone', width: 390, height: 844, mobile: true },
  { name: 'desktop', width: 1366, height: 900, mobile: false },
];

const IPHONE_UA =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) ' +
  'Version/17.5 Mobile/15E148 Safari/604.1';

/** Sizes `page` to `screen`; a phone also says it is one (user agent, and client hints where chromium has them). */
export async function fitTo(page: Page, screen: Screen, browser: BrowserName): Promise<void> {
  await page.setViewport({
    width: screen.width,
    height: screen.height,
    isMobile: screen.mobile && browser === 'chromium',
    hasTouch: screen.mobile && browser === 'chromium',
  });
  if (!screen.mobile) return;
  await page.setUserAgent(
    browser === 'chromium'
      ? {
          userAgent: IPHONE_UA,
          userAgentMetadata: {
            mobile: true,
            platform: 'iOS',
            platformVersion: '17.5',
            architecture: '',
            model: 'iPhone',
            brands: [],
          },
        }
      : { userAgent: IPHONE_UA },
  );
}

/** Saves a screenshot of `page` as test-artifacts/screenshots/<set>/<state>.png; returns its path. */
export async function screenshot(page: Page, set: string, state: string): Promise<string> {
  const folder = join(ARTIFACTS, 'screenshots', set);
  mkdirSync(folder, { recursive: true });
  const path = join(folder, `${state}.png`);
  await page.screenshot({ path, fullPage: false });
  return path;
}

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/**
 * axe-core's violations on the page as it is, WCAG 2.1 A and AA (frames left out: the phone is the
 * sandbox's page, the PDF the browser's viewer). Injected by evaluation, which the page's strict CSP
 * does not govern.
 */
export async function axeViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in globalThis))) await page.evaluate(`${AXE_SOURCE};undefined`);
  const found = await page.evaluate(async () => {
    const axe = (
      globalThis as unknown as {
        axe: {
          run(
            ctx: unknown,
            options: unknown,
          ): Promise<{
            violations: { id: string; impact: string; nodes: { target: unknown[]; failureSummary?: string }[] }[];
          }>;
        };
      }
    ).axe;
    const result = await axe.run(document, {
      iframes: false,
      resultTypes: ['violations'],
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    });
    return result.violations.map(
      (v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => JSON.stringify(n.target)).join(' ')}`,
    );
  });
  return found;
}

/**
 * Text that does not fit its box, on the page and inside every shadow root (the widget's): each
 * element whose text is wider than it (scrollWidth > clientWidth), and the page scrolling sideways.
 */
export async function overflowingText(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    const name = (el: Element) =>
      `${el.localName}${el.id ? `#${el.id}` : ''}${el.getAttribute('part') ? `[part=${el.getAttribute('part')}]` : ''}` +
      `${el.className && typeof el.className === 'string' ? `.${el.className.split(' ')[0]}` : ''}`;
    const visit = (root: Document | ShadowRoot) => {
      for (const el of root.querySelectorAll('*')) {
        if (el.shadowRoot) visit(el.shadowRoot);
        if (!(el instanceof HTMLElement) || !el.textContent?.trim()) continue;
        const style = getComputedStyle(el);
        if (
          style.display === 'inline' ||
          style.display === 'none' ||
          style.display === 'contents' ||
          el.clientWidth === 0
        )
          continue;
        if (['auto', 'scroll'].includes(style.overflowX)) continue;
        // Text for screen readers only (clipped to a 1 px box on purpose) is never seen, so never cut off.
        if (style.position === 'absolute' && el.clientWidth <= 1 && style.clip === 'rect(0px, 0px, 0px, 0px)') continue;
        if (el.scrollWidth > el.clientWidth + 1)
          found.push(`${name(el)}: ${el.scrollWidth} > ${el.clientWidth} "${el.textContent.trim().slice(0, 40)}"`);
      }
    };
    visit(document);
    const page = document.documentElement;
    if (page.scrollWidth > page.clientWidth)
      found.push(`the page scrolls sideways: ${page.scrollWidth} > ${page.clientWidth}`);
    return found;
  });
}

/** The focused element, through shadow roots: `tag#id[part]`, or `body`. */
export async function focused(page: Page): Promise<string> {
  return page.evaluate(() => {
    let el = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    if (!el) return 'none';
    return (
      `${el.localName}${el.id ? `#${el.id}` : ''}${el.getAttribute('part') ? `[part=${el.getAttribute('part')}]` : ''}` +
      `${el.getAttribute('name') ? `[name=${el.getAttribute('name')}]` : ''}${el.getAttribute('value') ? `[value=${el.getAttribute('value')}]` : ''}`
    );
  });
}

/** Presses Tab until the focused element (see {@link focused}) matches `target`; fails after `max` presses. */
export async function tabTo(page: Page, target: RegExp, max = 40): Promise<number> {
  for (let presses = 0; presses <= max; presses++) {
    if (target.test(await focused(page))) return presses;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${String(target)}; focus is on ${await focused(page)}`);
}
