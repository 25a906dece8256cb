import { expect } from '@open-wc/testing';
import { http, HttpResponse } from 'msw';
import { ENDPOINT, startHarness, USERS, type Harness } from './support/harness.js';
import { mountSign, nextEvent, part, partText, reached } from './support/element.js';

// An expired certificate was found only at signing, and the widget then offered "Ký lại", which can
// never work; an unknown citizen ID showed the developers' English text inside the Vietnamese page.
describe('<smartca-sign>: a failure that retrying cannot fix offers no retry, in words for the citizen', () => {
  let harness: Harness;
  before(async () => {
    harness = await startHarness();
  });
  beforeEach(() => sessionStorage.clear());

  it('an expired certificate: what to do (renew, 1800 1260), no "Ký lại", and focus on the status, not lost', async () => {
    const el = await mountSign(await harness.session(USERS.dung, { text: 'expired certificate' }));
    const failed = nextEvent(el, 'smartca-error');
    part<HTMLButtonElement>(el, 'button')!.focus();
    part<HTMLButtonElement>(el, 'button')!.click();
    const { detail } = await failed;
    await reached(el, 'error');
    expect(detail.recoverable).to.equal(false);
    expect(partText(el, 'status'))
      .to.contain('1800 1260')
      .and.match(/Gia hạn/);
    expect(part(el, 'button')).to.equal(null, 'no retry that cannot succeed');
    expect(el.shadowRoot!.activeElement).to.equal(part(el, 'status'));
  });

  it("the developers' text goes to the console; the citizen reads the relay's message", async () => {
    harness.use(
      http.post(
        `${ENDPOINT}/v1/signatures`,
        () =>
          HttpResponse.json(
            {
              error: {
                category: 'certificate',
                code: 'SP_CREDENTIAL_INVALID',
                recoverable: false,
                message: {
                  vi: 'Không tìm thấy chứng thư số SmartCA của số CCCD này.',
                  en: 'No SmartCA certificate for this ID.',
                },
                detail: {
                  vi: 'sp_id/sp_password bị từ chối.',
                  en: 'The partner credentials (sp_id/sp_password) were refused.',
                },
              },
            },
            { status: 409 },
          ),
        { once: true },
      ),
    );
    const logged: string[] = [];
    const original = console.warn;
    console.warn = (...args: unknown[]) => logged.push(args.join(' '));
    try {
      const el = await mountSign(await harness.session(USERS.an, { text: 'developer detail' }));
      part<HTMLButtonElement>(el, 'button')!.click();
      await reached(el, 'error');
      expect(partText(el, 'status')).to.equal('Không tìm thấy chứng thư số SmartCA của số CCCD này.');
      expect(logged.join('\n')).to.contain('sp_id/sp_password');
    } finally {
      console.warn = original;
    }
  });
});
