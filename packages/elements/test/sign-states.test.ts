import { expect } from '@open-wc/testing';
import { RELAY_ERROR_CODES, vi } from '../src/index.js';
import { startHarness, USERS, type Harness } from './support/harness.js';
import { hasState, mountSign, part, partText, reached, startAndWaitForPending, nextEvent } from './support/element.js';

describe('<smartca-sign>: every state and event, against the real relay and sandbox', () => {
  let harness: Harness;
  before(async () => {
    harness = await startHarness();
  });

  it('idle: the document from the session, the sign button, an empty live region', async () => {
    const el = await mountSign(await harness.session(USERS.cuong));
    expect(el.state).to.equal('idle');
    expect(hasState(el, 'idle')).to.equal(true);
    expect(partText(el, 'document')).to.equal('Tài liệu: Tờ khai đăng ký khai sinh');
    expect(partText(el, 'button')).to.equal('Ký bằng SmartCA');
    expect(part(el, 'status')?.getAttribute('role')).to.equal('status');
    expect(partText(el, 'status')).to.equal('');
  });

  it('start → preparing → awaiting (5:00, doc_id, cancel) → signed, with start, pending and complete events', async () => {
    const el = await mountSign(await harness.session(USERS.an, { docId: 'HS-2026-000777', text: 'khai sinh 777' }));
    const phases: string[] = [el.state];
    const events: string[] = [];
    for (const type of ['smartca-sign-start', 'smartca-sign-pending', 'smartca-sign-complete'] as const) {
      el.addEventListener(type, () => events.push(type));
    }
    const started = nextEvent(el, 'smartca-sign-start');
    const pending = nextEvent(el, 'smartca-sign-pending');
    part<HTMLButtonElement>(el, 'button')!.click();
    const startEvent = await started;
    expect(startEvent.cancelable).to.equal(true);
    expect(startEvent.detail.documents[0]?.docId).to.equal('HS-2026-000777');
    await el.updateComplete;
    phases.push(el.state);

    const { detail } = await pending;
    await el.updateComplete;
    phases.push(el.state);
    expect(detail.resumed).to.equal(false);
    expect(detail.expiresAt.getTime()).to.be.greaterThan(Date.now());
    expect(partText(el, 'countdown')).to.match(/^(5:00|4:5\d)$/);
    expect(partText(el, 'doc-id')).to.equal('HS-2026-000777');
    expect(part(el, 'button')?.getAttribute('aria-disabled')).to.equal('true');
    expect(partText(el, 'status')).to.equal('Đang chờ bạn xác nhận trên ứng dụng SmartCA.');
    expect(hasState(el, 'awaiting')).to.equal(true);
    expect(part(el, 'cancel-button')).to.not.equal(null);

    const complete = nextEvent(el, 'smartca-sign-complete');
    await harness.approve(detail.transactionId);
    const done = await complete;
    await el.updateComplete;
    phases.push(el.state);
    expect(done.detail.transactionId).to.equal(detail.transactionId);
    expect(done.detail.signatures.map((s) => s.docId)).to.deep.equal(['HS-2026-000777']);
    expect(done.detail.signatures[0]!.signature).to.match(/^[A-Za-z0-9+/]{300,}={0,2}$/);
    expect(done.detail.certificate).to.match(/^MII/);
    expect(phases).to.deep.equal(['idle', 'preparing', 'awaiting', 'signed']);
    expect(events).to.deep.equal(['smartca-sign-start', 'smartca-sign-pending', 'smartca-sign-complete']);
    expect(partText(el, 'status')).to.equal('Ký số thành công.');
    expect(hasState(el, 'signed')).to.equal(true);
    expect(part(el, 'pending')).to.equal(null);
  });

  it('a cancelled smartca-sign-start stops everything before a request is sent', async () => {
    const el = await mountSign(await harness.session(USERS.cuong, { text: 'prevented' }));
    const before = harness.sandbox.state.transactions.length;
    el.addEventListener('smartca-sign-start', (e) => e.preventDefault());
    part<HTMLButtonElement>(el, 'button')!.click();
    await el.updateComplete;
    expect(el.state).to.equal('idle');
    expect(harness.sandbox.state.transactions.length).to.equal(before);
  });

  it('rejected in the app → rejected state, smartca-sign-cancel with reason rejected, a retry button', async () => {
    const el = await mountSign(await harness.session(USERS.cuong, { text: 'rejected' }));
    const { detail } = await startAndWaitForPending(el);
    const cancel = nextEvent(el, 'smartca-sign-cancel');
    harness.reject(detail.transactionId);
    expect((await cancel).detail).to.deep.equal({ transactionId: detail.transactionId, reason: 'rejected' });
    await reached(el, 'rejected');
    expect(partText(el, 'status')).to.equal('Yêu cầu ký đã bị từ chối trên ứng dụng SmartCA.');
    expect(partText(el, 'button')).to.equal('Ký lại');
    expect(part(el, 'button')?.getAttribute('aria-disabled')).to.equal('false');
  });

  it('cancel on the page → back to idle, smartca-sign-cancel with reason cancelled', async () => {
    const el = await mountSign(await harness.session(USERS.cuong, { text: 'cancelled' }));
    const { detail } = await startAndWaitForPending(el);
    const cancel = nextEvent(el, 'smartca-sign-cancel');
    part<HTMLButtonElement>(el, 'cancel-button')!.click();
    expect((await cancel).detail).to.deep.equal({ transactionId: detail.transactionId, reason: 'cancelled' });
    await reached(el, 'idle');
    // SmartCA cannot withdraw it: the widget says the request stays in the app (sign-honest-cancel.test.ts).
    expect(partText(el, 'status')).to.match(/^Đã dừng chờ\. Yêu cầu ký vẫn còn trên ứng dụng SmartCA/);
    expect(partText(el, 'button')).to.equal('Ký bằng SmartCA');
  });

  it('out of turns → a typed smartca-error, then the buy flow opens inline', async () => {
    sessionStorage.clear();
    const el = await mountSign(await harness.session(USERS.binh, { text: 'no turns' }));
    const failed = nextEvent(el, 'smartca-error');
    part<HTMLButtonElement>(el, 'button')!.click();
    const { detail } = await failed;
    expect(detail.category).to.equal('turns');
    expect(detail.code).to.equal(RELAY_ERROR_CODES.OUT_OF_SIGNING_TURNS);
    expect(detail.recoverable).to.equal(true);
    expect(detail.message).to.match(/lượt ký/);
    await reached(el, 'buying');
    expect(partText(el, 'status')).to.equal(vi.outOfTurns);
    expect(hasState(el, 'buying')).to.equal(true);
    expect(part(el, 'buy-turns')?.localName).to.equal('smartca-buy-turns');
    expect(part(el, 'button')).to.equal(null, 'the buy flow replaces the sign button until paid');
    sessionStorage.clear();
  });

  it('a missing endpoint is an implementation error, not a silent no-op', async () => {
    const el = await mountSign(await harness.session(USERS.cuong));
    el.endpoint = '';
    const failed = nextEvent(el, 'smartca-error');
    part<HTMLButtonElement>(el, 'button')!.click();
    expect((await failed).detail.code).to.equal('MISSING_ATTRIBUTE');
  });

  it('the app link shows with open-app="always" and honours app-link: http(s) and the app\'s schemes only, never script', async () => {
    const el = await mountSign(await harness.session(USERS.cuong, { text: 'app link' }), {
      'open-app': 'always',
      'app-link': 'https://sandbox.example/phone',
    });
    await startAndWaitForPending(el);
    expect(part(el, 'app-link')?.getAttribute('href')).to.equal('https://sandbox.example/phone');
    expect(partText(el, 'app-link')).to.equal('Mở ứng dụng SmartCA');
    el.appLink = 'javascript:alert(1)';
    await el.updateComplete;
    expect(part(el, 'app-link')?.getAttribute('href')).to.equal('vnptsmartca://');
    // The browser's URL parser drops tabs, newlines and leading spaces, so each of these is script to it.
    for (const hostile of [
      'java\tscript:alert(1)',
      'java\nscript:alert(1)',
      ' \x01javascript:alert(1)',
      'JaVaScRiPt:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'vbscript:msgbox(1)',
      'file:///etc/passwd',
    ]) {
      el.appLink = hostile;
      await el.updateComplete;
      expect(part(el, 'app-link')?.getAttribute('href')).to.equal('vnptsmartca://', JSON.stringify(hostile));
    }
    for (const [given, href] of [
      ['vnptsmartcademo://sign', 'vnptsmartcademo://sign'],
      ['/phone', `${location.origin}/phone`],
    ]) {
      el.appLink = given!;
      await el.updateComplete;
      expect(part(el, 'app-link')?.getAttribute('href')).to.equal(
        href,
        "the app's demo scheme and a page-relative link",
      );
    }
    el.openApp = 'never';
    await el.updateComplete;
    expect(part(el, 'app-link')).to.equal(null);
    el.cancel();
  });
});
