import { expect } from '@open-wc/testing';
import { buyTurnsEn, buyTurnsVi } from '../src/index.js';
import { startHarness, USERS, type Harness } from './support/harness.js';
import { buyReached, choosePackAndPay, mountBuy, nextEvent, returnTo } from './support/buy.js';
import { hasState, part, partText } from './support/element.js';

describe('<smartca-buy-turns>: catalog → pack → payment method → payment page → result', () => {
  let harness: Harness;
  before(async () => {
    harness = await startHarness();
  });
  beforeEach(() => sessionStorage.clear());

  it('pays on the hosted page after a full-page redirect; balance before and after; smartca-purchase-complete', async () => {
    const session = await harness.purchaseSession(USERS.binh);
    const el = await mountBuy(session);
    await buyReached(el, 'choosing');
    expect(partText(el, 'balance')).to.equal(`${buyTurnsVi.balance}: 0 lượt ký`);
    expect(el.shadowRoot!.querySelectorAll('input[name="pack"]').length).to.be.greaterThan(1);
    expect(partText(el, 'methods')).to.contain('Ví VNPT Money').and.contain('Thẻ tín dụng').and.contain('NAPAS');

    const order = await choosePackAndPay(el, { pack: 'LK20', method: 'atm-card' }, { leave: true });
    expect(order).to.include({ pricingCode: 'LK20', paymentMethod: 'atm-card', status: 'pending', quantity: 1 });
    expect(new URL(order.paymentUrl).pathname).to.equal(`/pay/${order.id}`);

    const back = await harness.pay(order.paymentUrl, 'approve');
    expect(back.origin).to.equal(location.origin, 'the payment page returns to this page');
    expect(back.searchParams.get('status')).to.equal('paid');
    const restore = returnTo(back);
    try {
      const again = document.createElement('smartca-buy-turns');
      again.setAttribute('endpoint', el.endpoint);
      again.setAttribute('session', await harness.purchaseSession(USERS.binh));
      const complete = nextEvent(again, 'smartca-purchase-complete');
      document.body.append(again);
      const { detail } = await complete;
      expect(detail.order).to.include({ id: order.id, status: 'paid', turnsAdded: 20 });
      expect(detail.before?.availableTurns).to.equal(0);
      expect(detail.after.availableTurns).to.equal(20);
      await buyReached(again, 'paid');
      expect(partText(again, 'balance')).to.equal(`${buyTurnsVi.balance}: Trước: 0 lượt ký · Sau: 20 lượt ký`);
      expect(partText(again, 'status')).to.equal(buyTurnsVi.announce.paid(20));
      expect(hasState(again, 'paid')).to.equal(true);
      expect(sessionStorage.length).to.equal(0, 'a settled order is forgotten');
      again.remove();
    } finally {
      restore();
    }
  });

  for (const [action, outcome] of [
    ['decline', 'declined'],
    ['abandon', 'abandoned'],
  ] as const) {
    it(`${action} on the payment page: nothing bought, back to the choice with the reason, no purchase event`, async () => {
      const el = await mountBuy(await harness.purchaseSession(USERS.an));
      await buyReached(el, 'choosing');
      const balanceBefore = partText(el, 'balance');
      const order = await choosePackAndPay(el, {}, { leave: true });
      expect((await harness.pay(order.paymentUrl, action)).searchParams.get('status')).to.equal(outcome);

      const again = await mountBuy(await harness.purchaseSession(USERS.an));
      let purchased = false;
      again.addEventListener('smartca-purchase-complete', () => (purchased = true));
      await buyReached(again, 'confirming');
      await buyReached(again, 'choosing');
      expect(partText(again, 'status')).to.equal(buyTurnsVi.announce[outcome]);
      expect(hasState(again, 'declined')).to.equal(true);
      expect(partText(again, 'balance')).to.equal(balanceBefore);
      expect(part(again, 'button')).to.not.equal(null, 'the user can choose and pay again');
      expect(purchased).to.equal(false);
    });
  }

  it('each pack reads once: "Gói 10 lượt ký", not "Gói 10 lượt ký (10 lượt ký)"', async () => {
    const el = await mountBuy(await harness.purchaseSession(USERS.binh));
    await buyReached(el, 'choosing');
    const labels = [...el.shadowRoot!.querySelectorAll('[part~="packs"] label span:first-of-type')].map(
      (s) => s.textContent,
    );
    expect(labels).to.include('Gói 10 lượt ký');
    for (const label of labels) expect(label).to.not.match(/\(\d+ lượt ký\)/);
  });

  it('an unlimited package: says there is nothing to buy, and shows no catalog or pay button', async () => {
    const el = await mountBuy(await harness.purchaseSession(USERS.cuong));
    await buyReached(el, 'unlimited');
    expect(partText(el, 'balance')).to.equal(`${buyTurnsVi.balance}: ${buyTurnsVi.unlimited}`);
    expect(partText(el, 'status')).to.equal(buyTurnsVi.announce.unlimited);
    expect(part(el, 'packs')).to.equal(null);
    expect(part(el, 'button')).to.equal(null);
    expect(hasState(el, 'unlimited')).to.equal(true);
    await el.pay();
    expect(el.state).to.equal('unlimited', 'pay() does nothing');
  });

  it('a page that opens the payment page itself (preventDefault) sees the payment confirmed in place', async () => {
    const el = await mountBuy(await harness.purchaseSession(USERS.an));
    const order = await choosePackAndPay(el, { method: 'credit-card' });
    await buyReached(el, 'confirming');
    const complete = nextEvent(el, 'smartca-purchase-complete');
    await harness.pay(order.paymentUrl, 'approve');
    expect((await complete).detail.order.id).to.equal(order.id);
  });

  it('reads in English, and has zero axe violations while choosing and once paid', async () => {
    const el = await mountBuy(await harness.purchaseSession(USERS.binh), { lang: 'en' });
    await buyReached(el, 'choosing');
    expect(partText(el, 'balance')).to.match(/^Signing turns available: \d+ signing turns?$/);
    expect(partText(el, 'packs')).to.contain(buyTurnsEn.choosePack);
    expect(partText(el, 'methods'))
      .to.contain('VNPT Money wallet')
      .and.contain('Credit card')
      .and.contain('ATM card (NAPAS)');
    expect(partText(el, 'button')).to.equal(buyTurnsEn.pay);
    await expect(el).to.be.accessible();
    const order = await choosePackAndPay(el);
    const complete = nextEvent(el, 'smartca-purchase-complete');
    await harness.pay(order.paymentUrl, 'approve');
    const { detail } = await complete;
    await buyReached(el, 'paid');
    expect(partText(el, 'status')).to.equal(buyTurnsEn.announce.paid(detail.order.turnsAdded));
    expect(partText(el, 'balance')).to.match(
      /^Signing turns available: Before: \d+ signing turns? · After: \d+ signing turns$/,
    );
    await expect(el).to.be.accessible();
  });

  it('keyboard only: arrows pick a pack, Tab reaches the methods and the pay button, Enter pays', async () => {
    const el = await mountBuy(await harness.purchaseSession(USERS.binh));
    await buyReached(el, 'choosing');
    const { sendKeys } = await import('@web/test-runner-commands');
    el.focus();
    const focused = () => el.shadowRoot!.activeElement as HTMLInputElement | HTMLButtonElement | null;
    expect(focused()?.getAttribute('name')).to.equal('pack');
    const first = focused()!.value;
    await sendKeys({ press: 'ArrowDown' });
    await el.updateComplete;
    expect(focused()?.value).to.not.equal(first);
    const chosen = focused()!.value;
    await sendKeys({ press: 'Tab' });
    expect(focused()?.getAttribute('name')).to.equal('method');
    await sendKeys({ press: 'Tab' });
    expect(focused()?.getAttribute('part')).to.equal('button');
    const redirect = nextEvent(el, 'smartca-purchase-redirect');
    el.addEventListener('smartca-purchase-redirect', (e) => e.preventDefault(), { once: true });
    await sendKeys({ press: 'Enter' });
    expect((await redirect).detail.order.pricingCode).to.equal(chosen);
  });
});
