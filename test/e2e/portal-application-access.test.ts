import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createSmartCA, type SmartCA } from '@smartca-kit/sdk';
import type { SandboxServer } from '@smartca-kit/sandbox/node';
import { SECRET } from '../support/sandbox.js';

// Threat: reading someone else's application in the demo portal, which partners copy. Its numbers
// were `HS-YYYYMMDD-` and six random digits, and the number alone returned a fresh signing token and
// the citizen's PDF: 2,000 guesses found a planted application in 1.5 s. Now the number is only a
// label; the browser that filed the application holds its access key in an HttpOnly cookie, and the
// PDFs are reached by signed, expiring links that only that browser is given.

const FORM = {
  userId: '001099000001',
  requesterName: 'Nguyễn Văn An',
  relationship: 'Cha',
  childName: 'Nguyễn Minh Khôi',
  birthDate: '2026-01-02',
  sex: 'Nam',
  birthPlace: 'Bệnh viện Phụ sản Hà Nội',
};

/** What the demo portal's modules (plain JavaScript, as partners copy them) export, as this test uses it. */
export interface PortalHandle {
  url: string;
  sandbox: SandboxServer;
  close(): Promise<void>;
}
interface Application {
  docId: string;
  accessKey: string;
  values: Record<string, string>;
}
const { startPortal } = (await import(new URL('../../examples/portal/server.mjs', import.meta.url).href)) as {
  startPortal(options: { port: number; sandboxPort: number; bodyTimeoutMs?: number }): Promise<PortalHandle>;
};
const { ApplicationStore } = (await import(
  new URL('../../examples/portal/applications.mjs', import.meta.url).href
)) as {
  ApplicationStore: new (
    smartca: SmartCA,
    options: { drawNumber(): number },
  ) => {
    create(values: typeof FORM): Promise<Application>;
    get(docId: string): Application;
  };
};
type Portal = PortalHandle;

describe("demo portal: an application is the filing browser's, not whoever knows its number", () => {
  let portal: Portal;
  let filed: { docId: string; session: string; pdfUrl: string };
  let cookie: string;

  before(async () => {
    portal = await startPortal({ port: 0, sandboxPort: 0 });
    const response = await fetch(`${portal.url}/api/applications`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(FORM),
    });
    assert.equal(response.status, 201);
    filed = (await response.json()) as typeof filed;
    cookie = response.headers.get('set-cookie') ?? '';
  });
  after(() => portal.close());

  it('filing sets an HttpOnly, SameSite=Strict cookie scoped to the application, with ≥ 128 random bits', () => {
    assert.match(filed.docId, /^HS-\d{8}-\d{6}$/, 'the number people read stays as it was');
    const [pair, ...attributes] = cookie.split(';').map((part) => part.trim());
    const key = pair!.split('=')[1]!;
    assert.ok(Buffer.from(key, 'base64url').length * 8 >= 128, `a ${key.length}-character key`);
    assert.ok(attributes.includes('HttpOnly'));
    assert.ok(attributes.includes('SameSite=Strict'));
    assert.ok(attributes.includes(`Path=/api/applications/${filed.docId}`));
  });

  it('the number alone gets nothing: no token, no PDF, the same 404 as a number that does not exist', async () => {
    const read = await fetch(`${portal.url}/api/applications/${filed.docId}`);
    assert.equal(read.status, 404);
    const body = (await read.json()) as { code: string; session?: string };
    assert.equal(body.code, 'APPLICATION_NOT_FOUND');
    assert.equal(body.session, undefined);
    for (const file of ['application.pdf', 'signed.pdf']) {
      const pdf = await fetch(`${portal.url}/api/applications/${filed.docId}/${file}`);
      assert.equal(pdf.status, 404, file);
    }
    const wrongKey = await fetch(`${portal.url}/api/applications/${filed.docId}`, {
      headers: { cookie: 'hs_access=guess' },
    });
    assert.equal(wrongKey.status, 404);
  });

  it('2,000 guesses at numbers of today, the real one among them, find nothing', async () => {
    const day = filed.docId.slice(3, 11);
    const guesses = Array.from({ length: 2000 }, (_, i) => `HS-${day}-${String((i * 499) % 1e6).padStart(6, '0')}`);
    guesses[1234] = filed.docId;
    let hits = 0;
    for (let i = 0; i < guesses.length; i += 100) {
      const answers = await Promise.all(
        guesses.slice(i, i + 100).map((id) => fetch(`${portal.url}/api/applications/${id}`)),
      );
      hits += answers.filter((a) => a.status !== 404).length;
    }
    assert.equal(hits, 0);
  });

  it('the filing browser reads it back (a reload) with a fresh token; its signed links work, and only for their file', async () => {
    const again = await fetch(`${portal.url}/api/applications/${filed.docId}`, {
      headers: { cookie: cookie.split(';')[0]! },
    });
    assert.equal(again.status, 200);
    const view = (await again.json()) as { docId: string; session: string; pdfUrl: string };
    assert.equal(view.docId, filed.docId);
    assert.notEqual(view.session, filed.session, 'a fresh session token');
    const pdf = await fetch(new URL(view.pdfUrl, portal.url));
    assert.equal(
      pdf.headers.get('content-type'),
      'application/pdf',
      'a signed link needs no cookie (PDF viewers, downloads)',
    );
    const link = new URL(view.pdfUrl, portal.url);
    const otherFile = new URL(link.href.replace('application.pdf', 'signed.pdf'));
    assert.equal((await fetch(otherFile)).status, 404, 'a link names one file');
    link.searchParams.set('expires', String(Date.now() + 365 * 24 * 3600 * 1000));
    assert.equal((await fetch(link)).status, 404, 'its expiry cannot be moved');
  });

  it('two applications that draw the same number: the second gets another number; neither is overwritten', async () => {
    const smartca = createSmartCA({
      environment: portal.sandbox.url,
      trustedRoots: [portal.sandbox.sandbox.rootCertificatePem],
      credentials: { spId: 'sandbox-partner', spPassword: SECRET },
    });
    const draws = [7, 7, 7, 8];
    const store = new ApplicationStore(smartca, { drawNumber: () => draws.shift() ?? 9 });
    const [first, second] = await Promise.all([
      store.create(FORM),
      store.create({ ...FORM, childName: 'Nguyễn Minh Anh' }),
    ]);
    assert.match(first.docId, /-000007$/);
    assert.match(second.docId, /-000008$/);
    assert.equal(store.get(first.docId).values.childName, 'Nguyễn Minh Khôi');
    assert.equal(store.get(second.docId).values.childName, 'Nguyễn Minh Anh');
    assert.notEqual(first.accessKey, second.accessKey);
  });
});
