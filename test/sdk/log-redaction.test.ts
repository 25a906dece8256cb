import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createSmartCA, type SmartCA, type SmartCALogEntry } from '@smartca-kit/sdk';
import { createSandbox, seedTotpSecret, SEED_USER_PASSWORD, type Sandbox } from '@smartca-kit/sandbox';
import { randomDigest, SECRET, USERS } from '../support/sandbox.js';

// Threat: a secret in a log line. The SDK's logger receives every request and response body; every
// field whose name says secret must arrive as [REDACTED], at any depth and in any spelling, on every
// surface (SP769, TH, gateway, commerce). The test walks everything logged with its own idea of a
// secret-like name, and also looks for every planted secret value in the whole log text.

const REDACTED = '[REDACTED]';
// The test's own classifier, deliberately broader than a list of today's field names.
const SECRET_LIKE =
  /pass(word|wd|phrase)|secret|token|otp|^sad$|^pin$|(^|_)key$|apikey|privatekey|activation|verification|^code$/i;
const NOT_SECRET = new Set(['token_type', 'expires_in', 'status_code', 'pricingCode', 'tran_code', 'codeDesc']);

// Planted in every response, as a server that echoes too much might: each must be redacted too.
const ECHO = {
  activationCode: 'PLANT-ACTIVATION-1',
  otp_code: 'PLANT-OTP-2',
  apiKey: 'PLANT-APIKEY-3',
  private_key: 'PLANT-PRIVKEY-4',
  pin: 'PLANT-PIN-5',
  webhookSecret: 'PLANT-WHSECRET-6',
  nested: [{ Password: 'PLANT-PASSWORD-7', sessionToken: 'PLANT-TOKEN-8' }],
};
const ACTIVATION_CODE = '482913';
const CONTRACT_OTP = '739104';
const NEW_PASSWORD = 'MatKhauMoi2024';
const OAUTH_CODE = 'PLANT-OAUTH-CODE-9';

/** Every [path, key, value] in a logged body. */
function* fields(value: unknown, path = 'body'): Generator<[string, string, unknown]> {
  if (Array.isArray(value)) {
    for (const [i, inner] of value.entries()) yield* fields(inner, `${path}[${i}]`);
  } else if (value && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) {
      yield [`${path}.${key}`, key, inner];
      yield* fields(inner, `${path}.${key}`);
    }
  }
}

describe('the SDK logger never prints a secret', () => {
  let sandbox: Sandbox;
  let smartca: SmartCA;
  const entries: SmartCALogEntry[] = [];
  const planted: string[] = [
    SECRET,
    SEED_USER_PASSWORD,
    ACTIVATION_CODE,
    CONTRACT_OTP,
    NEW_PASSWORD,
    OAUTH_CODE,
    ...JSON.stringify(ECHO).match(/PLANT-[A-Z]+-\d/g)!,
  ];

  before(async () => {
    sandbox = await createSandbox();
    // The sandbox's answers, with ECHO added to every JSON object answer.
    const fetchImpl: typeof fetch = async (input, init) => {
      const answer = await sandbox.fetch(new Request(input, init));
      const text = await answer.text();
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        return new Response(text, answer);
      }
      const echoed = body && typeof body === 'object' && !Array.isArray(body) ? { ...body, _echo: ECHO } : body;
      return new Response(JSON.stringify(echoed), { status: answer.status, headers: answer.headers });
    };
    smartca = createSmartCA({
      environment: 'http://sandbox.test',
      credentials: { spId: 'sandbox-partner', spPassword: SECRET },
      gateway: { clientId: 'sandbox-partner', clientSecret: SECRET },
      trustedRoots: [sandbox.rootCertificatePem],
      fetch: fetchImpl,
      maxRetries: 0,
      logger: (entry) => entries.push(entry),
    });
  });
  after(() => sandbox.close());

  it('SP769, TH, gateway and commerce calls: every secret-like field is [REDACTED] and no planted secret appears', async () => {
    await smartca.certificates.list({ userId: USERS.an });
    const authorization = await smartca.th.sign({
      userId: USERS.an,
      password: SEED_USER_PASSWORD,
      totpSecret: seedTotpSecret(USERS.an),
      documents: [{ docId: 'LOG-1', digest: randomDigest() }],
    });
    await authorization.confirm();
    const session = await smartca.gateway.login({
      grant: 'password',
      username: USERS.an,
      password: SEED_USER_PASSWORD,
    });
    await session.listCredentials();
    await session.refresh();
    planted.push(session.tokens.accessToken, session.tokens.refreshToken!);
    await smartca.gateway
      .login({ grant: 'authorization_code', code: OAUTH_CODE, redirectUri: 'https://bank.example/cb' })
      .catch(() => undefined);
    // Unknown registration: SmartCA refuses, but the request, with its code and password, was logged.
    await smartca.registrations
      .activate('REG-LOG-0001', { code: ACTIVATION_CODE, password: NEW_PASSWORD })
      .catch(() => undefined);
    await smartca.registrations.signContract('REG-LOG-0001', { otp: CONTRACT_OTP }).catch(() => undefined);

    const operations = [...new Set(entries.map((e) => e.operation))].join(', ');
    for (const op of ['commerce.token', 'commerce.registrations/activate', 'commerce.registrations/contract/sign']) {
      assert.ok(operations.includes(op), `${op} was logged: ${operations}`);
    }
    let checked = 0;
    for (const entry of entries) {
      for (const [path, key, value] of fields(entry.body)) {
        if (!SECRET_LIKE.test(key) || NOT_SECRET.has(key) || (key === 'code' && typeof value === 'number')) continue;
        checked += 1;
        assert.equal(value, REDACTED, `${entry.operation} ${entry.event} ${path} is logged in clear`);
      }
    }
    assert.ok(checked >= 20, `only ${checked} secret-like fields were seen: the flows did not run`);
    const text = JSON.stringify(entries);
    for (const secret of planted) assert.ok(!text.includes(secret), `leaked ${secret.slice(0, 14)}…`);
    assert.ok(text.includes('"activationCode":"[REDACTED]"'), 'the activation code is there, redacted');
  });
});
