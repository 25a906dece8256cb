import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { SmartCABuyTurns, SmartCASign } from '../src/index.js';
import { ENDPOINT, startHarness, USERS, type Harness } from './support/harness.js';
import { mountSign, nextEvent, part, reached, startAndWaitForPending } from './support/element.js';

describe('<smartca-sign>: accessibility', () => {
  let harness: Harness;
  before(async () => {
    harness = await startHarness();
  });

  it('has zero axe violations when idle, awaiting, signed, and out of turns with the buy flow open', async () => {
    const el = await mountSign(await harness.session(USERS.cuong, { text: 'axe' }), { 'open-app': 'always' });
    await expect(el).to.be.accessible();
    const { detail } = await startAndWaitForPending(el);
    await expect(el).to.be.accessible();
    const complete = nextEvent(el, 'smartca-sign-complete');
    await harness.approve(detail.transactionId);
    await complete;
    await el.updateComplete;
    await expect(el).to.be.accessible();

    sessionStorage.clear();
    const failing = await mountSign(await harness.session(USERS.binh, { text: 'axe error' }));
    const failed = nextEvent(failing, 'smartca-error');
    part<HTMLButtonElement>(failing, 'button')!.click();
    await failed;
    await reached(failing, 'buying');
    const buy = part<SmartCABuyTurns>(failing, 'buy-turns')!;
    await waitUntil(() => buy.state === 'choosing', 'the inline buy flow never showed the catalog');
    await buy.updateComplete;
    await expect(failing).to.be.accessible();
    sessionStorage.clear();
  });

  it('the live region exists from the first render and is the same node in every state', async () => {
    const el = document.createElement('smartca-sign') as SmartCASign;
    el.endpoint = ENDPOINT;
    el.session = await harness.session(USERS.cuong, { text: 'live region' });
    document.body.append(el);
    await el.updateComplete;
    const region = part(el, 'status');
    expect(region?.getAttribute('role')).to.equal('status');
    const { detail } = await startAndWaitForPending(el);
    expect(part(el, 'status')).to.equal(region);
    expect(region?.textContent).to.equal('Đang chờ bạn xác nhận trên ứng dụng SmartCA.');
    const complete = nextEvent(el, 'smartca-sign-complete');
    await harness.approve(detail.transactionId);
    await complete;
    await el.updateComplete;
    expect(part(el, 'status')).to.equal(region);
    expect(region?.textContent).to.equal('Ký số thành công.');
    el.remove();
  });

  it('keyboard only: Tab in, Enter signs, Tab to cancel, Enter cancels, focus returns, Space signs again', async () => {
    const session = await harness.session(USERS.cuong, { text: 'keyboard' });
    const page = await fixture<HTMLDivElement>(html`<div>
      <button id="before">Trước</button>
      <smartca-sign endpoint=${ENDPOINT} session=${session} open-app="never"></smartca-sign>
    </div>`);
    const el = page.querySelector('smartca-sign')!;
    await el.updateComplete;
    const focused = () => el.shadowRoot!.activeElement;
    page.querySelector<HTMLButtonElement>('#before')!.focus();

    await sendKeys({ press: 'Tab' });
    expect(document.activeElement).to.equal(el);
    expect(focused()).to.equal(part(el, 'button'));

    const pending = nextEvent(el, 'smartca-sign-pending');
    await sendKeys({ press: 'Enter' });
    await pending;
    await reached(el, 'awaiting');
    expect(focused()).to.equal(part(el, 'button'), 'focus stays on the (now busy) main button');

    await sendKeys({ press: 'Tab' });
    expect(focused()).to.equal(part(el, 'cancel-button'));
    const cancelled = nextEvent(el, 'smartca-sign-cancel');
    await sendKeys({ press: 'Enter' });
    await cancelled;
    await reached(el, 'idle');
    expect(focused()).to.equal(part(el, 'button'), 'focus is not lost when the cancel button goes away');

    const again = nextEvent(el, 'smartca-sign-pending');
    await sendKeys({ press: ' ' }); // the key, not the code: WebDriver BiDi (Firefox) knows no key named "Space"
    await again;
    el.cancel();
  });

  it('the busy main button ignores activation instead of starting a second request', async () => {
    const el = await mountSign(await harness.session(USERS.cuong, { text: 'double click' }));
    const { detail } = await startAndWaitForPending(el);
    part<HTMLButtonElement>(el, 'button')!.click();
    await el.updateComplete;
    expect(el.state).to.equal('awaiting');
    expect(
      harness.sandbox.state.transactions.filter(
        (t) =>
          t.userId === USERS.cuong &&
          t.status === 'pending' &&
          t.files[0]?.docId === 'HS-2026-000123' &&
          t.transactionId === detail.transactionId,
      ),
    ).to.have.length(1);
    el.cancel();
  });
});
