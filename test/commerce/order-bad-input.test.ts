import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CertificateStatusError, InvalidInputError, type CreateOrderParams, type SmartCA } from '@smartca-kit/sdk';
import type { SandboxServer } from '@smartca-kit/sandbox/node';
import { clientFor, startSandbox, USERS } from '../support/sandbox.js';

const VALID: CreateOrderParams = {
  userId: USERS.binh,
  pricingCode: 'LK10',
  paymentMethod: 'vnpt-money',
  returnUrl: 'https://portal.example/paid',
};

// Each bad order names the field to fix, in Vietnamese and English, and creates nothing. Some are caught
// by the SDK before sending, the rest by the sandbox; both end as the same typed errors.
describe('orders: bad input is refused field by field, nothing is created', () => {
  let server: SandboxServer;
  let smartca: SmartCA;
  before(async () => {
    server = await startSandbox();
    smartca = clientFor(server);
  });
  after(() => server.close());

  const cases: Array<[string, Partial<CreateOrderParams> & Record<string, unknown>, string, string]> = [
    ['quantity 0', { quantity: 0 }, 'quantity', 'QUANTITY_INVALID'],
    ['quantity 1.5', { quantity: 1.5 }, 'quantity', 'QUANTITY_INVALID'],
    ['quantity 101', { quantity: 101 }, 'quantity', 'QUANTITY_INVALID'],
    ['cash', { paymentMethod: 'cash' as never }, 'paymentMethod', 'PAYMENT_METHOD_INVALID'],
    ['a javascript: return URL', { returnUrl: 'javascript:alert(1)' }, 'returnUrl', 'RETURN_URL_INVALID'],
    ['a relative return URL', { returnUrl: '/paid' }, 'returnUrl', 'RETURN_URL_INVALID'],
    ['an empty pricing code', { pricingCode: '' }, 'pricingCode', 'CODE_INVALID'],
    ['both a user and a registration', { registrationId: 'r-1' }, 'userId', 'INVALID_INPUT'],
    ['an unknown pricing code (server)', { pricingCode: 'LK7' }, 'pricingCode', 'PRICING_NOT_FOUND'],
    ['a certificate package as turns (server)', { pricingCode: 'PS-KGH-1N' }, 'pricingCode', 'PRICING_NOT_APPLICABLE'],
    ['turns for an unlimited certificate (server)', { userId: USERS.cuong }, 'serialNumber', 'PRICING_NOT_APPLICABLE'],
    ['an unknown subscriber (server)', { userId: '001099999999' }, 'userId', 'CLIENT_INPUT_INVALID'],
    ['an unknown serial number (server)', { serialNumber: 'deadbeef' }, 'serialNumber', 'CREDENTIAL_NOT_EXIST'],
    ['SMARTCA + ESEAL: the personal certificate gets the turns', { userId: USERS.em }, '', 'ok'],
  ];
  for (const [name, change, field, code] of cases) {
    it(`${name} → ${code}`, async () => {
      const before = server.sandbox.state.commerce?.orders.length ?? 0;
      const attempt = smartca.payments.createOrder({ ...VALID, ...change });
      if (code === 'ok') {
        assert.equal((await attempt).status, 'pending');
        return;
      }
      await assert.rejects(
        attempt,
        (e: unknown) =>
          e instanceof InvalidInputError &&
          e.field === field &&
          e.code === code &&
          e.messages.vi.length > 0 &&
          e.messages.en.length > 0,
      );
      assert.equal(server.sandbox.state.commerce?.orders.length ?? 0, before);
    });
  }

  it('turns for an expired certificate → CertificateStatusError', async () => {
    await assert.rejects(smartca.payments.createOrder({ ...VALID, userId: USERS.dung }), CertificateStatusError);
  });

  it('an order for a registration with nothing to pay is refused', async () => {
    await assert.rejects(
      smartca.payments.createOrder({ ...VALID, userId: undefined, registrationId: 'no-such-registration' }),
      (e: unknown) => e instanceof Error && (e as { code?: string }).code === 'REGISTRATION_NOT_FOUND',
    );
  });

  it('without an Idempotency-Key the sandbox refuses a mutating call (30001)', async () => {
    const token = (await (
      await fetch(`${server.url}/auth/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'grant_type=client_credentials&client_id=sandbox-partner&client_secret=sandbox-secret',
      })
    ).json()) as { access_token: string };
    const response = await fetch(`${server.url}/commerce/v1/orders/create`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token.access_token}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        uid: USERS.binh,
        pricingCode: 'LK10',
        quantity: 1,
        paymentMethod: 'VNPTMONEY',
        returnUrl: 'https://p.example/',
      }),
    });
    assert.equal(response.status, 400);
    assert.equal(((await response.json()) as { code: number }).code, 30001);
  });

  it('a user token (password grant) cannot call the commerce API', async () => {
    const session = await smartca.gateway.login({
      grant: 'password',
      username: USERS.an,
      password: 'sandbox-password',
    });
    const response = await fetch(`${server.url}/commerce/v1/pricing/list`, {
      method: 'POST',
      headers: { authorization: `Bearer ${session.tokens.accessToken}` },
      body: '{}',
    });
    assert.equal(response.status, 401);
  });
});
