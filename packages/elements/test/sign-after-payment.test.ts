import { expect } from '@open-wc/testing';
import type { SmartCABuyTurns } from '../src/index.js';
import { startHarness, USERS, type Harness } from './support/harness.js';
import { buyReached, choosePackAndPay } from './support/buy.js';
import { mountSign, nextEvent, part, partText, reached } from './support/element.js';

// The README promised "Thanh toán thành công" and the balance before and after; <smartca-sign>
// restarted signing on smartca-purchase-complete and unmounted the confirmation at once, so the
// citizen never saw it and a screen reader never heard it.
describe('<smartca-sign>: once paid, the payment is confirmed and announced, then signing carries on', () => {
  let harness: Harness;
  before(async () => {
    harness = await startHarness();
  });
  beforeEach(() => sessionStorage.clear());

  it('paid in place: "Thanh toán thành công", turns before and after, said by the live region, then awaiting', async () => {
    for (const cert of harness.sandbox.state.certificates.filter((c) => c.userId === USERS.binh)) {
      cert.pack.signedTurn = cert.pack.totalSignLimit;
    }
    const el = await mountSign(await harness.session(USERS.binh, { text: 'paid then sign' }));
    part<HTMLButtonElement>(el, 'button')!.click();
    await reached(el, 'buying');
    const buy = part<SmartCABuyTurns>(el, 'buy-turns')!;
    await buyReached(buy, 'choosing');
    const said: string[] = [];
    const region = part(el, 'status')!;
    new MutationObserver(() => said.push(region.textContent ?? '')).observe(region, {
      childList: true,
      subtree: true,
      characterData: true,
    });
    const order = await choosePackAndPay(buy, { pack: 'LK10' }, { host: el });
    const pending = nextEvent(el, 'smartca-sign-pending');
    await harness.pay(order.paymentUrl, 'approve');
    await pending;
    await reached(el, 'awaiting');
    const receipt = partText(el, 'receipt');
    expect(receipt).to.match(/^Thanh toán thành công/);
    expect(receipt)
      .to.contain('10 lượt ký')
      .and.match(/trước 0\b/)
      .and.match(/nay 10\b/);
    expect(said.some((text) => text.includes('Thanh toán thành công'))).to.equal(true, said.join(' | '));
    // Shown once on screen, in the receipt: in the status it is for screen readers only.
    const shown = [...region.childNodes]
      .filter((node) => !(node instanceof Element && node.classList.contains('visually-hidden')))
      .map((node) => node.textContent ?? '')
      .join('');
    expect(shown).to.not.contain('Thanh toán thành công');
    const hidden = region.querySelector('.visually-hidden')!;
    expect(getComputedStyle(hidden).position).to.equal('absolute');
    el.cancel();
  });
});
