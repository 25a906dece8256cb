import { expect, fixture, html } from '@open-wc/testing';
import type { SmartCASign } from '../src/index.js';
import { ENDPOINT, startHarness, USERS, type Harness } from './support/harness.js';
import { nextEvent, part, reached } from './support/element.js';

/** Whether `el` is wholly inside the viewport. */
function inView(el: Element): boolean {
  const r = el.getBoundingClientRect();
  return r.top >= 0 && r.bottom <= innerHeight && r.height > 0;
}

// On a phone the widget sits below the document: after "Ký" the countdown was below the fold, and
// back from the payment page the result was 850 px down with focus on <body>.
describe('<smartca-sign>: the widget brings what changed into view and keeps focus where it speaks', () => {
  let harness: Harness;
  before(async () => {
    harness = await startHarness();
  });
  beforeEach(() => sessionStorage.clear());

  async function belowTheFold(session: string): Promise<SmartCASign> {
    scrollTo(0, 0);
    const page = await fixture<HTMLDivElement>(html`<div><div style="height: 200vh"></div>
      <smartca-sign endpoint=${ENDPOINT} session=${session}></smartca-sign><div style="height: 200vh"></div></div>`);
    const el = page.querySelector('smartca-sign')!;
    await el.updateComplete;
    return el;
  }

  it('after "Ký", the countdown is in view', async () => {
    const el = await belowTheFold(await harness.session(USERS.cuong, { text: 'countdown in view' }));
    const pending = nextEvent(el, 'smartca-sign-pending');
    part<HTMLButtonElement>(el, 'button')!.click();
    await pending;
    await reached(el, 'awaiting');
    await new Promise(requestAnimationFrame);
    expect(inView(part(el, 'countdown')!)).to.equal(true);
    el.cancel();
  });

  it('out of turns: the buy flow opens in view, with focus on the status that says why', async () => {
    for (const cert of harness.sandbox.state.certificates.filter((c) => c.userId === USERS.binh)) {
      cert.pack.signedTurn = cert.pack.totalSignLimit;
    }
    const el = await belowTheFold(await harness.session(USERS.binh, { text: 'buy in view' }));
    part<HTMLButtonElement>(el, 'button')!.click();
    await reached(el, 'buying');
    await new Promise(requestAnimationFrame);
    expect(el.shadowRoot!.activeElement).to.equal(part(el, 'status'));
    expect(inView(part(el, 'status')!)).to.equal(true);
  });

  it('back from the payment page (the element appears in the buy flow): status focused and in view', async () => {
    const session = await harness.session(USERS.binh, { text: 'back from payment' });
    const first = await belowTheFold(session);
    part<HTMLButtonElement>(first, 'button')!.click();
    await reached(first, 'buying');
    first.remove(); // the redirect unloads the page; sessionStorage says the flow was buying
    (document.activeElement as HTMLElement | null)?.blur();
    const el = await belowTheFold(session);
    await reached(el, 'buying');
    await new Promise(requestAnimationFrame);
    expect(document.activeElement).to.equal(el);
    expect(el.shadowRoot!.activeElement).to.equal(part(el, 'status'));
    expect(inView(part(el, 'status')!)).to.equal(true);
  });
});
