import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  ConfigurationError,
  createSmartCA,
  InvalidInputError,
  resolveEnvironment,
  validateDocuments,
} from '@smartca-kit/sdk';

describe('environments', () => {
  it("UAT and production are VNPT's real hosts, SP769 under /sca/sp769, the gateway at the root", () => {
    assert.deepEqual(resolveEnvironment('uat'), {
      base: 'https://rmgateway.vnptit.vn',
      sp769: 'https://rmgateway.vnptit.vn/sca/sp769',
      gateway: 'https://rmgateway.vnptit.vn',
      // smartca-kit's commerce extension: served by the sandbox, not by VNPT's hosts.
      commerce: 'https://rmgateway.vnptit.vn/commerce/v1',
      // VNPT's PDF helper, where VNPT's PHP sample calls it.
      pdfHelper: 'https://rmgateway.vnptit.vn/rest/v2/signature',
    });
    assert.equal(resolveEnvironment('production').sp769, 'https://gwsca.vnpt.vn/sca/sp769');
    assert.equal(resolveEnvironment('sandbox').sp769, 'http://127.0.0.1:8769/sca/sp769');
  });

  it("takes a base URL and path prefixes (VNPT's demo app uses /en before /csc)", () => {
    const endpoints = resolveEnvironment(new URL('http://localhost:9000/proxy/'), { gateway: '/en/' });
    assert.equal(endpoints.sp769, 'http://localhost:9000/proxy/sca/sp769');
    assert.equal(endpoints.gateway, 'http://localhost:9000/proxy/en');
    assert.equal(resolveEnvironment('sandbox', { commerce: '/shop/v2/' }).commerce, 'http://127.0.0.1:8769/shop/v2');
  });

  it('refuses an unknown environment with a bilingual message', () => {
    assert.throws(
      () => resolveEnvironment('staging'),
      (e: unknown) =>
        e instanceof ConfigurationError && e.messages.vi.includes('không hợp lệ') && e.message.includes("'uat'"),
    );
    assert.throws(() => resolveEnvironment('ftp://x'), ConfigurationError);
  });
});

describe('secrets stay on the server', () => {
  it('a credentialed client refuses to start in a browser unless dangerouslyAllowBrowser is set', () => {
    const g = globalThis as Record<string, unknown>;
    g.window = {};
    g.document = {};
    try {
      const credentials = { spId: 'p', spPassword: 's' };
      assert.throws(
        () => createSmartCA({ environment: 'uat', credentials }),
        (e: unknown) => e instanceof ConfigurationError && e.code === 'BROWSER_NOT_ALLOWED',
      );
      assert.ok(createSmartCA({ environment: 'uat', credentials, dangerouslyAllowBrowser: true }));
      assert.ok(createSmartCA({ environment: 'uat' }), 'a client without secrets is fine');
    } finally {
      delete g.window;
      delete g.document;
    }
  });

  it('calling a surface that has no credentials says which option is missing', async () => {
    await assert.rejects(
      createSmartCA({ environment: 'uat' }).certificates.list({ userId: '001099000001' }),
      (e: unknown) => e instanceof ConfigurationError && e.message.includes('"credentials"'),
    );
  });
});

describe('validateDocuments (checked before anything is sent)', () => {
  const digest = new Uint8Array(32);
  const fails = (documents: unknown, field: string) =>
    assert.throws(
      () => validateDocuments(documents as never),
      (e: unknown) => e instanceof InvalidInputError && e.field === field,
    );

  it('accepts 1 to 50 documents with unique ids and 32-byte digests', () => {
    validateDocuments(Array.from({ length: 50 }, (_, i) => ({ docId: `d${i}`, digest })));
  });
  it('refuses an empty or oversized batch', () => {
    fails([], 'documents');
    fails(
      Array.from({ length: 51 }, (_, i) => ({ docId: `d${i}`, digest })),
      'documents',
    );
  });
  it('refuses a missing or repeated docId', () => {
    fails([{ docId: '', digest }], 'documents[0].docId');
    fails(
      [
        { docId: 'a', digest },
        { docId: 'a', digest },
      ],
      'documents[1].docId',
    );
  });
  it('refuses a digest that is not 32 bytes, saying what it got', () => {
    assert.throws(
      () => validateDocuments([{ docId: 'a', digest: new Uint8Array(20) }]),
      (e: unknown) =>
        e instanceof InvalidInputError && e.message.includes('20 bytes') && e.messages.vi.includes('32 byte'),
    );
    fails([{ docId: 'a', digest: 'abcd' }], 'documents[0].digest');
  });
});
