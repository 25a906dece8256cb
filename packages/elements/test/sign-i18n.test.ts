import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { buyTurnsEn, buyTurnsVi, en, vi, type SmartCABuyTurns, type SmartCASign } from '../src/index.js';
import { ENDPOINT, startHarness, USERS, type Harness } from './support/harness.js';
import { mountSign, part, partText, startAndWaitForPending, nextEvent } from './support/element.js';

describe('<smartca-sign>: Vietnamese and English', () => {
  let harness: Harness;
  before(async () => {
    harness = await startHarness();
  });
  afterEach(() => document.documentElement.removeAttribute('lang'));

  it('Vietnamese by default, English with lang="en" on the element', async () => {
    const el = await mountSign(await harness.session(USERS.cuong, { text: 'lang' }));
    expect(partText(el, 'button')).to.equal(vi.sign);
    el.setAttribute('lang', 'en');
    await el.updateComplete;
    expect(partText(el, 'button')).to.equal(en.sign);
    expect(partText(el, 'document')).to.equal('Document: Tờ khai đăng ký khai sinh');
  });

  it('lang comes from an ancestor, also across a shadow root, and en-GB counts as English', async () => {
    const session = await harness.session(USERS.cuong, { text: 'ancestor' });
    const light = await fixture<HTMLDivElement>(html`<div lang="en-GB"><section>
      <smartca-sign endpoint=${ENDPOINT} session=${session}></smartca-sign></section></div>`);
    const inLight = light.querySelector('smartca-sign')!;
    await inLight.updateComplete;
    expect(partText(inLight, 'button')).to.equal(en.sign);

    const host = await fixture<HTMLDivElement>(html`<div lang="en"></div>`);
    const root = host.attachShadow({ mode: 'open' });
    const nested = document.createElement('smartca-sign') as SmartCASign;
    nested.endpoint = ENDPOINT;
    nested.session = session;
    root.append(nested);
    await nested.updateComplete;
    expect(partText(nested, 'button')).to.equal(en.sign);
  });

  it('a portal switching the document language re-renders the widget', async () => {
    const el = await mountSign(await harness.session(USERS.cuong, { text: 'switch' }));
    document.documentElement.lang = 'en';
    await new Promise((r) => setTimeout(r));
    await el.updateComplete;
    expect(partText(el, 'button')).to.equal(en.sign);
    document.documentElement.lang = 'vi';
    await new Promise((r) => setTimeout(r));
    await el.updateComplete;
    expect(partText(el, 'button')).to.equal(vi.sign);
  });

  it('every state reads in English: awaiting, and the relay’s own message on error', async () => {
    const el = await mountSign(await harness.session(USERS.cuong, { text: 'english flow' }), { lang: 'en' });
    await startAndWaitForPending(el);
    expect(partText(el, 'button')).to.equal(en.waiting);
    expect(partText(el, 'status')).to.equal(en.announce.awaiting);
    expect(partText(el, 'cancel-button')).to.equal(en.cancel);
    expect(part(el, 'pending')?.textContent).to.contain(en.timeLeft);
    el.cancel();

    sessionStorage.clear();
    const failing = await mountSign(await harness.session(USERS.binh, { text: 'english error' }), { lang: 'en' });
    const failed = nextEvent(failing, 'smartca-error');
    part<HTMLButtonElement>(failing, 'button')!.click();
    const { detail } = await failed;
    expect(detail.message).to.equal(detail.messages.en);
    await waitUntil(() => failing.state === 'buying');
    await failing.updateComplete;
    expect(partText(failing, 'status')).to.equal(en.outOfTurns);
    const buy = part<SmartCABuyTurns>(failing, 'buy-turns')!;
    await waitUntil(() => buy.state === 'choosing');
    await buy.updateComplete;
    expect(partText(buy, 'packs')).to.contain(buyTurnsEn.choosePack);
    expect(partText(buy, 'methods')).to.contain(buyTurnsEn.methods['vnpt-money']);
    expect(partText(buy, 'button')).to.equal(buyTurnsEn.pay);
    sessionStorage.clear();
  });

  it('the two tables have the same keys, and no string is left empty', () => {
    const keys = (table: object, prefix = ''): string[] =>
      Object.entries(table).flatMap(([k, v]) =>
        typeof v === 'object' ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`],
      );
    expect(keys(en)).to.deep.equal(keys(vi));
    // Entries that take a value (a try number, turns, a clock time) must give text for it too.
    const values = (table: object): unknown[] =>
      Object.values(table).flatMap((v) =>
        typeof v === 'object'
          ? values(v)
          : [typeof v === 'function' ? (v as (...a: unknown[]) => unknown)(2, 3, 4) : v],
      );
    expect(values(vi).every((v) => typeof v === 'string' && v.length > 0 && !v.includes('undefined'))).to.equal(true);
    expect(values(en).every((v) => typeof v === 'string' && v.length > 0 && !v.includes('undefined'))).to.equal(true);
  });

  it('the buy-turns tables have the same keys, and every entry gives text', () => {
    const keys = (table: object, prefix = ''): string[] =>
      Object.entries(table).flatMap(([k, v]) =>
        typeof v === 'object' ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`],
      );
    expect(keys(buyTurnsEn)).to.deep.equal(keys(buyTurnsVi));
    const texts = (table: object): string[] =>
      Object.entries(table).flatMap(([k, v]) =>
        typeof v === 'object'
          ? texts(v)
          : [
              typeof v === 'function'
                ? String(k === 'pack' ? v({ name: 'Gói ưu đãi', turns: 2 }) : v(2, 'x'))
                : String(v),
            ],
      );
    expect(texts(buyTurnsVi).every((v) => v.length > 0 && v !== 'undefined')).to.equal(true);
    expect(texts(buyTurnsEn).every((v) => v.length > 0 && v !== 'undefined')).to.equal(true);
  });
});
