import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { createRelayClient } from '@smartca-kit/sdk/relay-client';
import { pdfsig, scratch } from '../support/validators.js';

// The citizen signs what the PDF shows, so the PDF must show all of it. Each line used to be drawn at
// x=60 and never wrapped: the fixed declaration ended at x=604.8 pt on a 595.28 pt page ("nhiệm" cut
// off on every application) and a long "Nơi sinh" lost whole words. poppler's pdftotext reads the
// signed PDF back, word by word with its box, as any viewer would lay it out.

interface PortalHandle {
  url: string;
  close(): Promise<void>;
}
const { startPortal } = (await import(new URL('../../examples/portal/server.mjs', import.meta.url).href)) as {
  startPortal(options: { port: number; sandboxPort: number; autoApproveMs?: number }): Promise<PortalHandle>;
};

const LONG_PLACE =
  'Trạm y tế xã Thượng Trưng, huyện Vĩnh Tường, tỉnh Vĩnh Phúc, gần chợ phiên Thượng Trưng và trường mầm non xã';
const FORM = {
  userId: '079088000003',
  requesterName: 'Lê Hoàng Cường',
  relationship: 'Cha',
  childName: 'Lê Hoàng Minh Khang',
  birthDate: '2026-01-05',
  sex: 'Nam',
  birthPlace: LONG_PLACE,
};

interface Word {
  text: string;
  xMin: number;
  xMax: number;
  yMin: number;
  yMax: number;
}

/** Every word pdftotext finds on page 1, with its box, and the page's size. */
function wordsOf(pdf: Buffer): { width: number; height: number; words: Word[] } {
  const path = scratch('smartca-portal-pdf-').file('signed.pdf', pdf);
  const html = execFileSync('pdftotext', ['-bbox', '-f', '1', '-l', '1', path, '-'], { encoding: 'utf8' });
  const page = /<page width="([\d.]+)" height="([\d.]+)">/.exec(html)!;
  const words = [
    ...html.matchAll(/<word xMin="([\d.-]+)" yMin="([\d.-]+)" xMax="([\d.-]+)" yMax="([\d.-]+)">([^<]*)<\/word>/g),
  ].map((m) => ({
    xMin: Number(m[1]),
    yMin: Number(m[2]),
    xMax: Number(m[3]),
    yMax: Number(m[4]),
    text: m[5]!
      .replace(/&amp;/g, '&')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"'),
  }));
  return { width: Number(page[1]), height: Number(page[2]), words };
}

describe('demo portal: the application PDF the citizen signs shows every word, inside the page', () => {
  let portal: PortalHandle;
  let signed: Buffer;
  let facts: { signedAt?: string; turnsLeft?: number | string | null };

  before(async () => {
    portal = await startPortal({ port: 0, sandboxPort: 0, autoApproveMs: 200 });
    const filed = await fetch(`${portal.url}/api/applications`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(FORM),
    });
    assert.equal(filed.status, 201, await filed.clone().text());
    const { docId, session } = (await filed.json()) as { docId: string; session: string };
    const cookie = (filed.headers.get('set-cookie') ?? '').split(';')[0]!;
    // Signed as the widget signs: through the portal's relay, from the portal's origin.
    const relay = createRelayClient({
      endpoint: `${portal.url}/smartca`,
      session,
      fetch: (input, init) => {
        const headers = new Headers(init?.headers);
        headers.set('origin', portal.url);
        return fetch(input, { ...init, headers });
      },
    });
    let tx = await relay.startSignature();
    while (tx.status === 'pending') tx = await relay.signatureStatus(tx.id, { waitSeconds: 10 });
    assert.equal(tx.status, 'signed');
    const view = (await (await fetch(`${portal.url}/api/applications/${docId}`, { headers: { cookie } })).json()) as {
      signed: { url: string; signedAt?: string; turnsLeft?: number | string | null };
    };
    facts = view.signed;
    signed = Buffer.from(await (await fetch(new URL(view.signed.url, portal.url))).arrayBuffer());
  });
  after(() => portal?.close());

  it('no word of the signed PDF lies outside the page (pdftotext -bbox), and the signature is valid', async () => {
    const { width, height, words } = wordsOf(signed);
    assert.ok(words.length > 50, `${words.length} words`);
    const outside = words.filter((w) => w.xMin < 0 || w.yMin < 0 || w.xMax > width || w.yMax > height);
    assert.deepEqual(outside, [], 'every word inside the page');
    const margin = words.filter((w) => w.xMax > width - 36);
    assert.deepEqual(
      margin.map((w) => w.text),
      [],
      'and inside the right margin',
    );
    assert.match(
      (await pdfsig(scratch('smartca-portal-pdf-').file('signed.pdf', signed))).output,
      /Signature is Valid/,
    );
  });

  it('the declaration ends with "nhiệm" … "của mình", and the long birth place is there word for word', () => {
    const text = wordsOf(signed)
      .words.map((w) => w.text)
      .join(' ');
    assert.match(text, /chịu trách nhiệm trước pháp luật về cam đoan của mình\./);
    assert.ok(text.includes(LONG_PLACE), 'every word of "Nơi sinh"');
  });

  it('the done page has the signing time and the turns left', () => {
    assert.ok(facts.signedAt && Math.abs(Date.parse(facts.signedAt) - Date.now()) < 60_000, String(facts.signedAt));
    assert.equal(facts.turnsLeft, 'unlimited', 'Lê Hoàng Cường is on the unlimited package');
  });

  it('the formal date reads "ngày DD tháng MM năm YYYY", and the ID field names the personal ID number', () => {
    const text = wordsOf(signed)
      .words.map((w) => w.text)
      .join(' ');
    assert.match(text, /Cổng dịch vụ công, ngày \d{2} tháng \d{2} năm \d{4}/);
    assert.match(text, /Số định danh cá nhân: 079088000003/);
  });
});
