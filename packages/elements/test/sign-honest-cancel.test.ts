import { expect } from '@open-wc/testing';
import { startHarness, USERS, type Harness } from './support/harness.js';
import { mountSign, nextEvent, part, partText, reached, startAndWaitForPending } from './support/element.js';

// SmartCA cannot withdraw a request: "Hủy yêu cầu" used to say the request was cancelled while it
// stayed approvable in the app, and a second try put a second card with the same document code on
// the phone. The widget now says what is true, and the next try reads apart from the old one.
describe('<smartca-sign>: stopping a request says it stays in the app, and the next try reads apart', () => {
  let harness: Harness;
  before(async () => {
    harness = await startHarness();
  });
  beforeEach(() => sessionStorage.clear());

  it('after "Dừng chờ" the status says the request stays in the app until it expires and must not be approved', async () => {
    const el = await mountSign(await harness.session(USERS.cuong, { text: 'stop waiting' }));
    await startAndWaitForPending(el);
    expect(partText(el, 'cancel-button')).to.equal('Dừng chờ');
    const cancelled = nextEvent(el, 'smartca-sign-cancel');
    part<HTMLButtonElement>(el, 'cancel-button')!.click();
    await cancelled;
    await reached(el, 'idle');
    const status = partText(el, 'status');
    expect(status).to.not.match(/Đã hủy/);
    expect(status).to.match(/vẫn còn trên ứng dụng SmartCA/);
    expect(status).to.match(/đừng xác nhận/i);
    expect(status).to.match(/\d{1,2}:\d{2}/, 'until when: the time it expires');
  });

  it('the second try is "(lần 2)" in the app, and the widget asks for that one, not the older', async () => {
    const el = await mountSign(await harness.session(USERS.cuong, { text: 'second try' }));
    const first = await startAndWaitForPending(el);
    el.cancel();
    await reached(el, 'idle');
    const second = await startAndWaitForPending(el);
    const shown = (id: string) => harness.sandbox.state.transactions.find((t) => t.transactionId === id)?.description;
    expect(shown(first.detail.transactionId)).to.equal('Tờ khai đăng ký khai sinh');
    expect(shown(second.detail.transactionId)).to.equal('Tờ khai đăng ký khai sinh (lần 2)');
    expect(part(el, 'pending')?.textContent).to.contain('(lần 2)');
    el.cancel();
  });
});
