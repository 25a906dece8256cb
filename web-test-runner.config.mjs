// Widget tests: @web/test-runner in Debian's chromium, and on request Firefox ESR (never a downloaded browser),
// TypeScript through esbuild, packages resolved from their sources (`source` condition), and msw's
// service worker served from the installed msw so that it always matches the library.
//
// Firefox goes through the same launcher as chromium, handed puppeteer-core itself: with
// `browser: 'firefox'` puppeteer drives it over WebDriver BiDi (what @web/test-runner-puppeteer does,
// without its dependency on the full puppeteer, which downloads browsers). SMARTCA_BROWSERS=chromium
// (or firefox) picks them; see `wanted` below.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import * as puppeteer from 'puppeteer-core';

const require = createRequire(import.meta.url);
const mswWorker = require.resolve('msw/mockServiceWorker.js');
const cdnBundle = new URL('./packages/elements/dist/smartca-elements.min.js', import.meta.url);

// The page for the strict-CSP test: no 'unsafe-inline' and no 'unsafe-eval' anywhere, scripts and
// connections to this origin only. It loads the built CDN bundle, the artefact portals embed.
const STRICT_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; " +
  "base-uri 'none'; form-action 'none'";
const CSP_PAGE = `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>CSP</title>
<script src="/__csp/probe.js"></script><script type="module" src="/__csp/smartca-elements.min.js"></script>
</head><body><main></main></body></html>`;
const CSP_PROBE = `window.cspViolations = [];
document.addEventListener('securitypolicyviolation', (e) => window.cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));`;

// Chromium by default. In Firefox ESR the in-page sandbox (WebCrypto RSA keys, msw's worker) runs
// several times slower and whole test files outlive the runner's limits, so Firefox is opt-in here
// (SMARTCA_BROWSERS=chromium,firefox); the portal journeys (test/e2e) cover Firefox on every run.
const wanted = (process.env.SMARTCA_BROWSERS ?? 'chromium').split(',').map((b) => b.trim());
const launchers = {
  chromium: () =>
    chromeLauncher({
      launchOptions: {
        executablePath: '/usr/bin/chromium',
        headless: true,
        args: [
          '--no-sandbox',
          '--headless',
          '--disable-gpu',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
          '--no-first-run',
          '--disable-quic',
        ],
      },
    }),
  firefox: () =>
    chromeLauncher({
      puppeteer,
      launchOptions: { browser: 'firefox', executablePath: '/usr/bin/firefox-esr', headless: true },
    }),
};
const executables = { chromium: '/usr/bin/chromium', firefox: '/usr/bin/firefox-esr' };

export default {
  files: 'packages/elements/test/**/*.test.ts',
  nodeResolve: { exportConditions: ['source', 'browser', 'development'] },
  plugins: [esbuildPlugin({ ts: true, target: 'auto', tsconfig: './packages/elements/tsconfig.json' })],
  middleware: [
    (ctx, next) => {
      const send = (type, body, headers = {}) => {
        ctx.type = type;
        ctx.body = body;
        for (const [k, v] of Object.entries(headers)) ctx.set(k, v);
      };
      if (ctx.path === '/mockServiceWorker.js') return send('application/javascript', readFileSync(mswWorker, 'utf8'));
      if (ctx.path === '/__csp/page.html')
        return send('text/html', CSP_PAGE, { 'content-security-policy': STRICT_CSP });
      if (ctx.path === '/__csp/probe.js') return send('application/javascript', CSP_PROBE);
      if (ctx.path === '/__csp/smartca-elements.min.js')
        return send('application/javascript', readFileSync(cdnBundle, 'utf8'));
      return next();
    },
  ],
  browsers: Object.keys(launchers)
    .filter((name) => wanted.includes(name) && existsSync(executables[name]))
    .map((name) => launchers[name]()),
  // One page in one browser at a time: the machine has two cores, and each page runs a sandbox with real RSA.
  concurrency: 1,
  concurrentBrowsers: 1,
  testFramework: { config: { timeout: 30000 } },
};
