import { expect, fixture, html } from '@open-wc/testing';
import { startHarness, USERS, type Harness } from './support/harness.js';
import { mountSign, part, startAndWaitForPending } from './support/element.js';

describe('<smartca-sign>: looks right in anyone’s portal', () => {
  let harness: Harness;
  let sheet: HTMLStyleElement;
  before(async () => {
    harness = await startHarness();
    sheet = document.createElement('style');
    sheet.textContent = `
      .portal { --smartca-sys-color-primary: rgb(1, 2, 3); }
      .brand smartca-sign { --smartca-sign-button-background: rgb(200, 0, 0); }
      smartca-sign::part(button) { text-transform: uppercase; }
      smartca-sign:state(awaiting)::part(pending) { border-color: rgb(0, 128, 0); }`;
    document.head.append(sheet);
  });
  after(() => sheet.remove());

  const background = (el: Element) => getComputedStyle(part(el as never, 'button')!).backgroundColor;

  it('system tokens theme every element; component tokens override them', async () => {
    const session = await harness.session(USERS.cuong, { text: 'tokens' });
    const portal = await fixture(
      html`<div class="portal"><smartca-sign endpoint="/relay" session=${session}></smartca-sign></div>`,
    );
    const el = portal.querySelector('smartca-sign')!;
    await el.updateComplete;
    expect(background(el)).to.equal('rgb(1, 2, 3)');
    portal.classList.add('brand');
    expect(background(el)).to.equal('rgb(200, 0, 0)');
  });

  it('::part and :state() style the inside from the portal stylesheet', async () => {
    const el = await mountSign(await harness.session(USERS.cuong, { text: 'parts' }));
    expect(getComputedStyle(part(el, 'button')!).textTransform).to.equal('uppercase');
    await startAndWaitForPending(el);
    expect(el.matches(':state(awaiting)')).to.equal(true);
    expect(getComputedStyle(part(el, 'pending')!).borderTopColor).to.equal('rgb(0, 128, 0)');
    el.cancel();
  });

  it('never writes a style attribute (strict CSP) and adopts its styles as a constructable sheet', async () => {
    const el = await mountSign(await harness.session(USERS.cuong, { text: 'no inline' }), { 'open-app': 'always' });
    await startAndWaitForPending(el);
    expect(el.shadowRoot!.querySelectorAll('[style], style')).to.have.length(0);
    expect(el.shadowRoot!.adoptedStyleSheets.length).to.be.greaterThan(0);
    el.cancel();
  });
});
