import { expect, waitUntil } from '@open-wc/testing';
import { http, HttpResponse } from 'msw';
import { createSessionToken } from '@smartca-kit/sdk/relay';
import { RELAY_ERROR_CODES } from '../src/index.js';
import { SECRET, sha256, startHarness, USERS, type Harness } from './support/harness.js';
import { mountSign, part, partText, reached, startAndWaitForPending, nextEvent } from './support/element.js';

const XSS = '<img src=x onerror="window.__xss=1"><script>window.__xss=2</script>';

describe('<smartca-sign>: refusals and hostile input', () => {
  let harness: Harness;
  before(async () => {
    harness = await startHarness();
  });

  it('a token minted for another origin is refused by the relay; the widget reports a session error', async () => {
    const el = await mountSign(
      await harness.session(USERS.cuong, { text: 'other origin' }, ['https://dichvucong.example.vn']),
    );
    const failed = nextEvent(el, 'smartca-error');
    part<HTMLButtonElement>(el, 'button')!.click();
    const { detail } = await failed;
    expect(detail.category).to.equal('session');
    expect(detail.code).to.equal(RELAY_ERROR_CODES.ORIGIN_NOT_ALLOWED);
    expect(detail.recoverable).to.equal(false);
    await reached(el, 'error');
    expect(partText(el, 'status')).to.match(/^Trang này chưa gửi được yêu cầu ký số. Vui lòng tải lại trang/);
  });

  it('an expired token is refused: TOKEN_EXPIRED, nothing reaches SmartCA', async () => {
    const session = await createSessionToken({
      secret: SECRET,
      userId: USERS.cuong,
      origins: [location.origin],
      documents: [{ docId: 'HS-old', digest: await sha256('old') }],
      ttlSeconds: 60,
      now: Date.now() - 120_000,
    });
    const before = harness.sandbox.state.transactions.length;
    const el = await mountSign(session);
    const failed = nextEvent(el, 'smartca-error');
    part<HTMLButtonElement>(el, 'button')!.click();
    expect((await failed).detail.code).to.equal(RELAY_ERROR_CODES.TOKEN_EXPIRED);
    expect(harness.sandbox.state.transactions.length).to.equal(before);
  });

  it('a page whose own digest differs from the session is refused: DOCUMENT_MISMATCH', async () => {
    const el = await mountSign(await harness.session(USERS.cuong, { docId: 'HS-9', text: 'the real document' }));
    const digest = await sha256('a swapped document');
    el.documents = [{ docId: 'HS-9', digest: btoa(String.fromCharCode(...digest)) }];
    const failed = nextEvent(el, 'smartca-error');
    part<HTMLButtonElement>(el, 'button')!.click();
    expect((await failed).detail.code).to.equal(RELAY_ERROR_CODES.DOCUMENT_MISMATCH);
  });

  it('markup in server strings (document name, doc_id) is rendered as inert text', async () => {
    const el = await mountSign(await harness.session(USERS.cuong, { docId: `HS-${XSS}`, name: XSS, text: 'xss' }));
    await startAndWaitForPending(el);
    const root = el.shadowRoot!;
    expect(root.querySelector('img')).to.equal(null);
    expect(root.querySelector('script')).to.equal(null);
    expect(partText(el, 'document')).to.contain(XSS);
    expect(partText(el, 'doc-id')).to.equal(`HS-${XSS}`);
    await new Promise((r) => setTimeout(r, 50));
    expect((window as { __xss?: number }).__xss).to.equal(undefined);
    el.cancel();
  });

  it('markup in a relay error message is rendered as inert text', async () => {
    // A relay (or a proxy in front of it) that puts markup in its message must not reach the DOM as HTML.
    harness.use(
      http.post('/hostile/*', () =>
        HttpResponse.json(
          { error: { category: 'provider', code: 'UPSTREAM', recoverable: false, message: { vi: XSS, en: XSS } } },
          { status: 502 },
        ),
      ),
    );
    const el = await mountSign(await harness.session(USERS.cuong), { endpoint: '/hostile' });
    const failed = nextEvent(el, 'smartca-error');
    part<HTMLButtonElement>(el, 'button')!.click();
    expect((await failed).detail.message).to.equal(XSS);
    await el.updateComplete;
    expect(partText(el, 'status')).to.equal(XSS);
    expect(el.shadowRoot!.querySelector('img, script')).to.equal(null);
  });

  it('strict CSP (no unsafe-inline, no unsafe-eval): the CDN bundle signs with no violation', async () => {
    const frame = document.createElement('iframe');
    frame.src = '/__csp/page.html';
    const loaded = new Promise((r) => frame.addEventListener('load', r, { once: true }));
    document.body.append(frame);
    await loaded;
    const win = frame.contentWindow as Window & typeof globalThis & { cspViolations: string[] };
    await waitUntil(() => win.customElements.get('smartca-sign'), 'the CDN bundle did not define the element');

    // The probe works: an inline style attribute on this page is reported.
    const probe = win.document.createElement('div');
    probe.setAttribute('style', 'color: red');
    win.document.body.append(probe);
    await waitUntil(() => win.cspViolations.length > 0, 'the CSP probe saw nothing');
    win.cspViolations.length = 0;
    probe.remove();

    const el = win.document.createElement('smartca-sign') as HTMLElement & {
      state: string;
      updateComplete: Promise<boolean>;
    };
    el.setAttribute('endpoint', '/relay');
    el.setAttribute('session', await harness.session(USERS.cuong, { text: 'strict csp' }));
    el.setAttribute('open-app', 'always');
    win.document.querySelector('main')!.append(el);
    await el.updateComplete;
    const pending = new Promise<CustomEvent>((r) =>
      el.addEventListener('smartca-sign-pending', (e) => r(e as CustomEvent), { once: true }),
    );
    (el.shadowRoot!.querySelector('[part~="button"]') as HTMLButtonElement).click();
    const { detail } = await pending;
    const complete = new Promise((r) => el.addEventListener('smartca-sign-complete', r, { once: true }));
    await harness.approve(detail.transactionId);
    await complete;
    expect(el.state).to.equal('signed');
    expect(win.cspViolations).to.deep.equal([]);
    expect(el.shadowRoot!.querySelector('[style]')).to.equal(null);
    frame.remove();
  });
});
