import { expect } from '@open-wc/testing';
import type { SmartCABuyTurns, SmartCASign } from '../src/index.js';
import { ENDPOINT, startHarness, USERS, type Harness } from './support/harness.js';
import { buyReached, choosePackAndPay, returnTo } from './support/buy.js';
import { mountSign, nextEvent, part, reached } from './support/element.js';

// Trần Thị Bình has no turns: signing stops with OUT_OF_SIGNING_TURNS, the element switches to the buy
// flow, and once the pack is paid the same documents are signed without another click.
describe('<smartca-sign>: out of turns → buy in place → the signature resumes by itself', () => {
  let harness: Harness;
  before(async () => {
    harness = await startHarness();
  });
  beforeEach(() => sessionStorage.clear());

  async function outOfTurns(text: string): Promise<{ el: SmartCASign; buy: SmartCABuyTurns }> {
    // Each test starts from zero turns, whatever the previous one bought.
    for (const cert of harness.sandbox.state.certificates.filter((c) => c.userId === USERS.binh)) {
      cert.pack.signedTurn = cert.pack.totalSignLimit;
    }
    const el = await mountSign(await harness.session(USERS.binh, { text }));
    part<HTMLButtonElement>(el, 'button')!.click();
    await reached(el, 'buying');
    const buy = part<SmartCABuyTurns>(el, 'buy-turns')!;
    await buyReached(buy, 'choosing');
    return { el, buy };
  }

  it("through the payment page's full-page redirect: back on the portal, it pays, signs, completes", async () => {
    const { el, buy } = await outOfTurns('buy then resume');
    const order = await choosePackAndPay(buy, { pack: 'LK10' }, { host: el, leave: true });
    const back = await harness.pay(order.paymentUrl, 'approve');
    const restore = returnTo(back);
    try {
      // The portal renders again after the redirect, with a token re-minted for the same document.
      const again = document.createElement('smartca-sign') as SmartCASign;
      again.setAttribute('endpoint', ENDPOINT);
      again.setAttribute('session', await harness.session(USERS.binh, { text: 'buy then resume' }));
      const purchased = nextEvent(again, 'smartca-purchase-complete');
      const pending = nextEvent(again, 'smartca-sign-pending');
      document.body.append(again);
      await reached(again, 'buying');
      expect((await purchased).detail.order).to.include({ id: order.id, turnsAdded: 10 });
      const { detail } = await pending;
      expect(detail.resumed).to.equal(false, 'a new transaction: the first never reached SmartCA');
      const complete = nextEvent(again, 'smartca-sign-complete');
      await harness.approve(detail.transactionId);
      expect((await complete).detail.signatures).to.have.length(1);
      await reached(again, 'signed');
      expect(part(again, 'buy-turns')).to.equal(null);
      expect(sessionStorage.length).to.equal(0, 'nothing is left behind once signed');
      again.remove();
    } finally {
      restore();
    }
  });

  it('without leaving the page (payment opened elsewhere): paid → pending with no click', async () => {
    const { el, buy } = await outOfTurns('buy in place');
    const order = await choosePackAndPay(buy, {}, { host: el });
    const pending = nextEvent(el, 'smartca-sign-pending');
    await harness.pay(order.paymentUrl, 'approve');
    const { detail } = await pending;
    await reached(el, 'awaiting');
    expect(part(el, 'buy-turns')).to.equal(null, 'the buy flow closes once paid');
    expect(part(el, 'doc-id')?.textContent).to.equal(detail.documents[0]?.docId);
    el.cancel();
  });

  it('a declined payment keeps the buy flow open with the reason; no signature is started', async () => {
    const { el, buy } = await outOfTurns('declined');
    let started = false;
    el.addEventListener('smartca-sign-start', () => (started = true));
    const order = await choosePackAndPay(buy, {}, { host: el });
    await harness.pay(order.paymentUrl, 'decline');
    await buyReached(buy, 'confirming').catch(() => undefined);
    await buyReached(buy, 'choosing');
    expect(buy.matches(':state(declined)')).to.equal(true);
    expect(el.state).to.equal('buying');
    expect(started).to.equal(false);
  });
});
