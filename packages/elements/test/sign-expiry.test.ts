import { expect } from '@open-wc/testing';
import { startHarness, USERS } from './support/harness.js';
import { hasState, mountSign, partText, reached, startAndWaitForPending, nextEvent } from './support/element.js';

describe('<smartca-sign>: the approval window', () => {
  it('nobody approves → expired state and smartca-sign-expire; the countdown started from the relay expiry', async () => {
    const harness = await startHarness({ ttlSeconds: 3 });
    const el = await mountSign(await harness.session(USERS.cuong, { text: 'expires' }));
    const { detail } = await startAndWaitForPending(el);
    expect(partText(el, 'countdown')).to.match(/^0:0[0-3]$/);
    const expired = nextEvent(el, 'smartca-sign-expire');
    expect((await expired).detail.transactionId).to.equal(detail.transactionId);
    await reached(el, 'expired');
    expect(hasState(el, 'expired')).to.equal(true);
    expect(partText(el, 'status')).to.equal('Yêu cầu ký đã hết hạn vì chưa được xác nhận kịp thời.');
    expect(partText(el, 'button')).to.equal('Ký lại');
  });
});
