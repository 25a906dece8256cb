import { expect, fixture, html } from '@open-wc/testing';
import type { SmartCASign } from '../src/index.js';
import { ENDPOINT, startHarness, USERS, type Harness } from './support/harness.js';
import { mountSign, partText, reached, startAndWaitForPending, nextEvent } from './support/element.js';

// A reload is the element disappearing mid-flow and a new one appearing with what the server renders
// again: the same session, or a session re-minted for the same documents. sessionStorage is the only
// thing that survives, as after a real reload or a payment redirect.
describe('<smartca-sign>: survives a reload or a redirect in the middle of a signature', () => {
  let harness: Harness;
  before(async () => {
    harness = await startHarness();
  });
  beforeEach(() => sessionStorage.clear());

  it('the new element resumes the same transaction (pending with resumed: true) and completes it', async () => {
    const first = await mountSign(await harness.session(USERS.an, { text: 'reload' }));
    const { detail: started } = await startAndWaitForPending(first);
    first.remove();

    // The portal re-renders after the reload with a freshly minted token for the same document.
    const container = await fixture<HTMLDivElement>(html`<div></div>`);
    const el = document.createElement('smartca-sign') as SmartCASign;
    el.setAttribute('endpoint', ENDPOINT);
    el.setAttribute('session', await harness.session(USERS.an, { text: 'reload' }));
    const pending = nextEvent(el, 'smartca-sign-pending');
    container.append(el);
    const { detail } = await pending;
    expect(detail.resumed).to.equal(true);
    expect(detail.transactionId).to.equal(started.transactionId);
    expect(detail.expiresAt.getTime()).to.equal(started.expiresAt.getTime());
    await el.updateComplete;
    expect(el.state).to.equal('awaiting');
    expect(partText(el, 'doc-id')).to.equal('HS-2026-000123');

    const complete = nextEvent(el, 'smartca-sign-complete');
    await harness.approve(detail.transactionId);
    expect((await complete).detail.transactionId).to.equal(started.transactionId);
    expect(harness.sandbox.state.transactions.filter((t) => t.transactionId === started.transactionId)).to.have.length(
      1,
    );
    expect(sessionStorage.length).to.equal(0, 'a finished signature is forgotten');
  });

  it('a result that arrived while the page was away is delivered on return', async () => {
    const first = await mountSign(await harness.session(USERS.cuong, { text: 'approved while away' }));
    const { detail } = await startAndWaitForPending(first);
    first.remove();
    await harness.approve(detail.transactionId);
    const el = document.createElement('smartca-sign') as SmartCASign;
    el.endpoint = ENDPOINT;
    el.session = await harness.session(USERS.cuong, { text: 'approved while away' });
    const complete = nextEvent(el, 'smartca-sign-complete');
    document.body.append(el);
    expect((await complete).detail.transactionId).to.equal(detail.transactionId);
    await reached(el, 'signed');
    el.remove();
  });

  it('a page signing other documents does not pick up the stored transaction', async () => {
    const first = await mountSign(await harness.session(USERS.cuong, { text: 'document A' }));
    await startAndWaitForPending(first);
    first.remove();
    const other = await mountSign(await harness.session(USERS.cuong, { text: 'document B' }));
    await other.updateComplete;
    expect(other.state).to.equal('idle');
  });
});
