import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import {
  createSmartCA,
  filterCertificates,
  SignatureVerificationError,
  TransactionFailedError,
  type SmartCA,
} from '@smartca-kit/sdk';
import { createSandbox, type Sandbox } from '@smartca-kit/sandbox';
import { randomDigest, SECRET, USERS } from '../support/sandbox.js';

const BASE = 'http://smartca.test';

/** Rewrites the JSON body of the sandbox's answer, as VNPT's inconsistencies would. */
async function rewrite(response: Response, edit: (body: any) => void): Promise<Response> {
  const body = await response.json();
  edit(body);
  return HttpResponse.json(body, { status: response.status });
}

describe('tolerance where VNPT is inconsistent, strictness where it matters', () => {
  let sandbox: Sandbox;
  let smartca: SmartCA;
  const mock = setupServer();

  before(async () => {
    sandbox = await createSandbox();
    mock.listen({ onUnhandledRequest: 'error' });
    smartca = createSmartCA({
      environment: BASE,
      credentials: { spId: 'sandbox-partner', spPassword: SECRET },
      gateway: { clientId: 'sandbox-partner', clientSecret: SECRET },
      trustedRoots: [sandbox.rootCertificatePem],
    });
  });
  afterEach(() => mock.resetHandlers());
  after(() => {
    mock.close();
    sandbox.close();
  });
  const through = (path: string, edit?: (body: any) => void) =>
    mock.use(
      http.post(`${BASE}${path}`, async ({ request }) =>
        edit ? rewrite(await sandbox.fetch(request), edit) : sandbox.fetch(request),
      ),
    );

  it('accepts a null root_cert, a numeric cert_status and status_code as text', async () => {
    through('/sca/sp769/v1/credentials/get_certificate', (body) => {
      body.status_code = '200';
      body.data.user_certificates[0].chain_data.root_cert = null;
      body.data.user_certificates[0].cert_status = 1;
    });
    const [cert] = await smartca.certificates.list({ userId: USERS.an });
    assert.equal(cert!.chain.length, 1);
    assert.equal(cert!.statusText, '1');
  });

  it('a signature that does not match the digest never reaches the caller', async () => {
    mock.use(http.all(`${BASE}/*`, ({ request }) => sandbox.fetch(request)));
    const tx = await smartca.signatures.sign({
      userId: USERS.cuong,
      documents: [{ docId: 'T', digest: randomDigest() }],
    });
    await sandbox.approve(tx.id);
    through(`/sca/sp769/v1/signatures/sign/${tx.id}/status`, (body) => {
      const sig = Buffer.from(body.data.signatures[0].signature_value, 'base64');
      sig[5] = (sig[5] as number) ^ 1;
      body.data.signatures[0].signature_value = sig.toString('base64');
    });
    await assert.rejects(
      tx.wait(),
      (e: unknown) => e instanceof SignatureVerificationError && e.reason === 'signature-mismatch' && e.docId === 'T',
    );
    assert.equal(tx.status, 'failed');
  });

  it('an SP769 status message nobody documented keeps the transaction pending', async () => {
    mock.use(http.all(`${BASE}/*`, ({ request }) => sandbox.fetch(request)));
    const tx = await smartca.signatures.sign({
      userId: USERS.cuong,
      documents: [{ docId: 'P', digest: randomDigest() }],
    });
    through(`/sca/sp769/v1/signatures/sign/${tx.id}/status`, (body) => {
      body.message = 'PROCESSING';
    });
    const snapshot = await tx.refresh();
    assert.deepEqual([snapshot.status, snapshot.wireStatus], ['pending', 'PROCESSING']);
  });

  for (const [code, name] of [
    [4003, 'AUTHORIZE_KEY_FAILED'],
    [4004, 'SIGN_FAILED'],
  ] as const) {
    it(`tranStatus ${code} → TransactionFailedError ${name}`, async () => {
      mock.use(http.all(`${BASE}/*`, ({ request }) => sandbox.fetch(request)));
      const session = await smartca.gateway.login({
        grant: 'password',
        username: USERS.cuong,
        password: 'sandbox-password',
      });
      const tx = await session.signHash({ documents: [{ docId: 'F', digest: randomDigest() }] });
      through('/csc/credentials/gettraninfo', (body) => {
        body.content.tranStatus = code;
      });
      await assert.rejects(
        tx.wait(),
        (e: unknown) => e instanceof TransactionFailedError && e.code === name && e.wireCode === code,
      );
    });
  }

  it('filterCertificates picks by service type, serial and validity', async () => {
    mock.use(http.all(`${BASE}/*`, ({ request }) => sandbox.fetch(request)));
    const certs = await smartca.certificates.list({ userId: USERS.em });
    const seal = certs.find((c) => c.serviceType === 'ESEAL')!;
    assert.deepEqual(filterCertificates(certs, { serviceType: 'eseal' }), [seal]);
    assert.deepEqual(filterCertificates(certs, { serialNumber: `00:${seal.serialNumber.toUpperCase()}` }), [seal]);
    assert.equal(filterCertificates(certs, { validAt: new Date() }).length, 2);
    assert.equal(filterCertificates(certs, { validAt: new Date(Date.now() + 5 * 365 * 86_400_000) }).length, 0);
    const [expired] = await smartca.certificates.list({ userId: USERS.dung });
    assert.deepEqual(filterCertificates([expired!], { validAt: new Date() }), []);
  });

  it('a refresh_token grant restores a session from a stored refresh token', async () => {
    mock.use(http.all(`${BASE}/*`, ({ request }) => sandbox.fetch(request)));
    const first = await smartca.gateway.login({ grant: 'password', username: USERS.an, password: 'sandbox-password' });
    const restored = await smartca.gateway.login({ grant: 'refresh_token', refreshToken: first.tokens.refreshToken! });
    assert.equal((await restored.listCredentials()).length, 1);
    assert.equal(restored.tokens.refreshToken, first.tokens.refreshToken);
  });
});
