import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import {
  AuthenticationError,
  createSmartCA,
  InvalidInputError,
  SignatureVerificationError,
  type SmartCA,
  type SmartCAOptions,
} from '@smartca-kit/sdk';
import { createLocalSigner, type LocalSigner } from '../support/local-signer.js';
import * as vnpt from './vnpt-examples.js';

type Route = (body: any) => { status?: number; json: unknown };

/**
 * A fetch that answers each path with one of VNPT's documented examples, recording what the SDK sent:
 * the SDK meets VNPT's own shapes, not the sandbox's. The only values made here are the elided ones,
 * certificates and signatures, which the local signer makes real so the SDK can verify them.
 */
function vnptFetch(routes: Record<string, Route>): typeof fetch {
  return async (input, init) => {
    const url = new URL(String(input instanceof Request ? input.url : input));
    const text = String(init?.body ?? '');
    const body = text.startsWith('{') ? JSON.parse(text) : Object.fromEntries(new URLSearchParams(text));
    const path = Object.keys(routes).find((p) => url.pathname.endsWith(p));
    if (!path) return new Response('not found', { status: 404 });
    const answer = routes[path]!(body);
    return new Response(JSON.stringify(answer.json), {
      status: answer.status ?? 200,
      headers: { 'content-type': 'application/json' },
    });
  };
}

describe("VNPT's documented example responses, fed to the SDK", () => {
  let signer: LocalSigner;
  let s: vnpt.Substitutes;
  const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');
  /** Digests the SDK sent, by doc id (SP769) or in order (gateway), so the fake can sign exactly those. */
  const sent = new Map<string, string>();

  before(async () => {
    signer = await createLocalSigner();
    s = {
      cert: b64(signer.der),
      ca: b64(signer.chain[0]!),
      root: b64(signer.chain[1]!),
      signature: (docId) => b64(signer.signDigest(Buffer.from(sent.get(docId) ?? '', 'hex'))),
    };
  });

  const client = (routes: Record<string, Route>, options: Partial<SmartCAOptions> = {}): SmartCA =>
    createSmartCA({
      environment: 'https://gwsca.vnpt.example',
      credentials: { spId: 'sp', spPassword: 'pw' },
      gateway: { clientId: 'c', clientSecret: 's' },
      trustedRoots: [signer.rootPem],
      maxRetries: 0,
      fetch: vnptFetch(routes),
      ...options,
    });
  const recordSignFiles: Route = (body) => {
    for (const f of body.sign_files) sent.set(f.doc_id, f.data_to_be_signed);
    return { json: vnpt.sign };
  };

  it('V1 §3.2 get_certificate: a personal certificate and two e-seals, cert_status as text', async () => {
    const smartca = client({ 'v1/credentials/get_certificate': () => ({ json: vnpt.getCertificate(s) }) });
    const certs = await smartca.certificates.list({ userId: '000000001' });
    assert.deepEqual(
      certs.map((c) => c.serviceType),
      ['SMARTCA', 'ESEAL'],
    );
    assert.equal(certs[0]!.statusText, 'Đang hoạt động');
    assert.equal(certs[0]!.chain.length, 2);
    assert.notEqual(
      certs[0]!.serialNumber,
      '54010101493c47d39f8a84b30ed55191',
      'the serial comes from the DER, not the listing',
    );
    assert.equal(
      (await smartca.certificates.select({ userId: '000000001', serviceType: 'SMARTCA' })).id,
      'fcfffddf-2bed-4dda-8276-d00b4c3df6c9',
    );
  });

  it('V1 §3.3 + §3.4: sign → SUCCESS with two signatures, verified to the configured root', async () => {
    const smartca = client({
      'v1/signatures/sign': recordSignFiles,
      '/status': () => ({ json: vnpt.status(s) }),
      'v1/credentials/get_certificate': () => ({ json: vnpt.getCertificate(s) }),
    });
    const digests = ['30c-7401-2562', '29a-7749-1325'].map((docId) => ({
      docId,
      digest: new Uint8Array(32).fill(docId.length + docId.charCodeAt(0)),
    }));
    const tx = await smartca.signatures.sign({
      userId: '000000001',
      transactionId: 'SP_CA_123456',
      documents: digests,
    });
    assert.equal(tx.providerId, 'acd9be84-60e7-4645-83ab-fb7079b71626');
    const result = await tx.wait();
    assert.deepEqual(
      result.signatures.map((x) => x.docId),
      ['30c-7401-2562', '29a-7749-1325'],
    );
  });

  it('V1 §3.1\'s " SUCCESS" (a stray space) and C7\'s status with expired_in are both a finished signature', async () => {
    for (const answer of [
      () => ({ ...vnpt.status(s), message: vnpt.genericSuccess.message }),
      () => vnpt.statusWithExpiry(s, 'only'),
    ]) {
      const smartca = client({
        'v1/signatures/sign': recordSignFiles,
        '/status': () => ({ json: answer() }),
        'v1/credentials/get_certificate': () => ({ json: vnpt.getCertificate(s) }),
      });
      const documents = answer().data.signatures.map((x: { doc_id: string }) => ({
        docId: x.doc_id,
        digest: new Uint8Array(32).fill(5),
      }));
      const result = await (await smartca.signatures.sign({ userId: 'u', documents })).wait();
      assert.equal(result.status, 'signed');
    }
  });

  it('V1 §3.5: the webhook, built from its field table, settles the waiting transaction', async () => {
    let statusCalls = 0;
    const smartca = client({
      'v1/signatures/sign': recordSignFiles,
      'v1/credentials/get_certificate': () => ({ json: vnpt.getCertificate(s) }),
      '/status': () => {
        statusCalls += 1;
        return { json: { status_code: 200, message: 'sig_wait_for_user_confirm', data: null } };
      },
    });
    const tx = await smartca.signatures.sign({
      userId: 'u',
      transactionId: 'SP_CA_123456',
      documents: [{ docId: '30c-7401-2562', digest: new Uint8Array(32).fill(9) }],
    });
    const receipt = smartca.webhooks.receiveSp769({
      sp_id: 'sp',
      status_code: 200,
      message: 'SUCCESS',
      transaction_id: 'SP_CA_123456',
      signed_files: [
        { doc_id: '30c-7401-2562', signature_value: s.signature('30c-7401-2562'), timestamp_signature: null },
      ],
    });
    assert.equal(receipt.matched, true);
    assert.equal((await tx.wait()).status, 'signed');
    assert.ok(statusCalls <= 1);
  });

  it('V1 §4.2–4.4, SmartCA TH with the default configuration: no service_type, root_cert null, no trustedRoots', async () => {
    const routes = {
      'credentials/get_certificate': () => ({ json: vnpt.thGetCertificate(s) }),
      'v2/signatures/sign': (body: any) => {
        sent.set('30c-7401-2562', body.sign_files[0].data_to_be_signed);
        return { json: vnpt.thSign };
      },
      'v2/signatures/confirm': () => ({ json: vnpt.thConfirm(s) }),
    };
    const documents = [{ docId: '30c-7401-2562', digest: new Uint8Array(32).fill(3) }];
    const params = { userId: '000000001', password: 'pw', otp: '249560', documents };
    const result = await client(routes, { trustedRoots: undefined }).th.signAndConfirm(params);
    assert.equal(
      result.signatures.length,
      1,
      'the signer is picked without a service_type, the chain checked as far as it goes',
    );
    const other = await createLocalSigner();
    await assert.rejects(
      client(routes, { trustedRoots: [other.rootPem] }).th.signAndConfirm(params),
      (e: unknown) =>
        e instanceof SignatureVerificationError &&
        e.reason === 'untrusted-chain' &&
        /trustedRoots/.test(e.messages.en) &&
        e.messages.en.includes('Test Root CA'),
    );
  });

  it('V2 §3: the token answer, and invalid_client, invalid_scope and invalid_grant as AuthenticationError', async () => {
    const session = await client({ '/auth/token': () => ({ json: vnpt.token }) }).gateway.login({
      grant: 'password',
      username: 'u',
      password: 'p',
    });
    assert.equal(session.tokens.refreshToken, vnpt.token.refresh_token);
    for (const error of vnpt.tokenErrors) {
      await assert.rejects(
        client({ '/auth/token': () => ({ status: 400, json: error }) }).gateway.login({
          grant: 'password',
          username: 'u',
          password: 'p',
        }),
        (e: unknown) => e instanceof AuthenticationError && e.code === error.error,
      );
    }
  });

  it('V2 §4.2, §5.2.1, §5.2.2: list with or without codeDesc, info bare, info errors as InvalidInputError', async () => {
    for (const list of [vnpt.envelopeList, vnpt.credentialsList]) {
      const session = client({
        '/auth/token': () => ({ json: vnpt.token }),
        'csc/credentials/list': () => ({ json: list }),
        'csc/credentials/info': () => ({ json: vnpt.credentialInfo(s) }),
      }).gateway.session({
        accessToken: 'a',
        refreshToken: undefined,
        tokenType: 'bearer',
        scope: undefined,
        expiresAt: new Date(Date.now() + 3_600_000),
      });
      const [id] = await session.listCredentials();
      assert.equal(id, list.content[0]);
      const credential = await session.getCredential(id!);
      assert.deepEqual(
        [credential.certificate.statusCode, credential.billing, credential.servicePacks[0]!.type],
        ['VALID', 'per-period', '0'],
      );
      assert.equal(credential.certificate.chain.length, 2);
    }
    for (const error of vnpt.credentialErrors) {
      const session = client({ 'csc/credentials/info': () => ({ status: 400, json: error }) }).gateway.session({
        accessToken: 'a',
        refreshToken: undefined,
        tokenType: 'bearer',
        scope: undefined,
        expiresAt: new Date(Date.now() + 3_600_000),
      });
      await assert.rejects(
        session.getCredential('x'),
        (e: unknown) => e instanceof InvalidInputError && e.field === 'credentialId' && e.code === error.codeDesc,
      );
    }
  });

  it('V2 §5.2.4–5.2.5: signhash, gettraninfo while waiting ("30KB" sizes) and once signed; envelope code 1 too; the notifyUrl body', async () => {
    for (const code of [0, 1]) {
      let hashes: string[] = [];
      let signed = false;
      const smartca = client({
        'csc/credentials/info': () => ({ json: vnpt.credentialInfo(s) }),
        'csc/signature/signhash': (body) => {
          hashes = body.datas.map((d: { hash: string }) => d.hash);
          return { json: { ...vnpt.signHash, code } };
        },
        'csc/credentials/gettraninfo': () => ({
          json: {
            ...vnpt.tranInfo(
              hashes,
              signed ? { sigs: hashes.map((h) => b64(signer.signDigest(Buffer.from(h, 'base64')))) } : undefined,
            ),
            code,
          },
        }),
      });
      const session = smartca.gateway.session({
        accessToken: 'a',
        refreshToken: undefined,
        tokenType: 'bearer',
        scope: undefined,
        expiresAt: new Date(Date.now() + 3_600_000),
      });
      const tx = await session.signHash({
        credentialId: '5d5c0a0f-59b8-498c-9e8e-c3e9b8f1e718',
        documents: [
          { docId: 'sample.pdf', digest: new Uint8Array(32).fill(1) },
          { docId: 'sample.docx', digest: new Uint8Array(32).fill(2) },
        ],
      });
      assert.equal(tx.providerId, vnpt.signHash.content.tranId);
      assert.equal((await tx.refresh()).status, 'pending');
      const receipt = smartca.webhooks.receiveGatewayNotify(vnpt.notify);
      assert.equal(receipt.matched, true, 'the notifyUrl body finds the waiting transaction');
      signed = true;
      assert.equal((await tx.wait()).signatures.length, 2);
    }
  });

  it("C5's PDF helper answers: calculateHash → hashResps[0].hash/fileID, signExternal → signResps[0].signedData", async () => {
    const digest = new Uint8Array(32).fill(7);
    const smartca = client({
      'calculateHash': () => ({ json: vnpt.calculateHash(b64(digest)) }),
      'signExternal': () => ({ json: vnpt.signExternal(b64(new TextEncoder().encode('%PDF-1.7 signed'))) }),
      'v1/credentials/get_certificate': () => ({ json: vnpt.getCertificate(s) }),
    });
    const certificate = (await smartca.certificates.list({ userId: 'u' }))[0]!;
    const session = await smartca.pdfHelper.calculateHash({
      certificate,
      files: [{ name: 'test.pdf', pdf: new Uint8Array([37, 80, 68, 70]) }],
    });
    assert.deepEqual(
      [session.sessionId, session.files[0]!.fileId],
      ['1c1d73396f714573a68f94e74ac21736', 'eea2b5ec-60d4-44b6-b046-6eae23e59e6b'],
    );
    assert.deepEqual(session.files[0]!.digest, digest);
    const [signed] = await smartca.pdfHelper.signExternal({
      sessionId: session.sessionId,
      signatures: [{ fileId: session.files[0]!.fileId, signature: new Uint8Array(256) }],
    });
    assert.equal(new TextDecoder().decode(signed!.signed), '%PDF-1.7 signed');
  });
});
