import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { augment, RevocationError, signPdf, type SignedDocument } from '@smartca-kit/documents';
import { InvalidInputError, type SmartCA } from '@smartca-kit/sdk';
import type { SandboxServer } from '@smartca-kit/sandbox/node';
import { dssValidate, type DssReport } from '../support/dss.js';
import { pyhankoValidate } from '../support/pyhanko.js';
import { simplePdf, vietnamesePdf } from '../support/pdf-fixtures.js';
import { clientFor, startSandbox, USERS } from '../support/sandbox.js';
import { nssTrusting, pdfsig, scratch } from '../support/validators.js';

const bytesOf = async (document: SignedDocument): Promise<Uint8Array> => document.toBytes();
const brief = (report: DssReport | undefined): string => JSON.stringify(report);

// PAdES B-LT and B-LTA made through the sandbox (SmartCA signs, the sandbox TSA timestamps, its OCSP
// responder and CRLs supply the revocation data), judged by EU DSS *offline* with only the sandbox
// root as trust anchor: with the /DSS embedded it must not need the network. pyHanko must agree, and
// call the signature LTV-enabled from the DSS alone; pdfsig must still call every signature valid.
describe('PAdES B-LT and B-LTA, and augment(), judged by EU DSS (offline), pyHanko and pdfsig', () => {
  let server: SandboxServer;
  let smartca: SmartCA;
  let tsa: { url: string };
  const dir = scratch('smartca-lt-');
  let rootPath: string;
  let nss: string;
  let pdfLT: Uint8Array;
  let pdfLTA: Uint8Array;

  before(async () => {
    server = await startSandbox({ autoApproveMs: 30 });
    smartca = clientFor(server);
    tsa = { url: `${server.url}/tsa` };
    rootPath = dir.file('root.pem', server.sandbox.rootCertificatePem);
    nss = nssTrusting(server.sandbox.rootCertificatePem);
    pdfLT = await bytesOf(await signPdf(smartca, await vietnamesePdf(), { userId: USERS.cuong, level: 'B-LT', tsa }));
    pdfLTA = await bytesOf(await signPdf(smartca, await vietnamesePdf(), { userId: USERS.cuong, level: 'B-LTA', tsa }));
  });
  after(() => server?.close());

  it('B-LT: DSS offline says TOTAL_PASSED at PAdES-BASELINE-LT; pyHanko valid, trusted and LTV-enabled; pdfsig valid', async () => {
    const path = dir.file('lt.pdf', pdfLT);
    const [report] = dssValidate([path], { trust: [rootPath] });
    const signature = report!.signatures[0];
    assert.equal(signature?.format, 'PAdES-BASELINE-LT', brief(report));
    assert.equal(signature?.indication, 'TOTAL_PASSED', brief(report));
    const [hanko] = pyhankoValidate([path], { trust: [rootPath], ltv: true });
    const judged = hanko!.signatures[0]!;
    assert.deepEqual([judged.intact, judged.valid, judged.trusted], [true, true, true], JSON.stringify(hanko));
    assert.equal(judged.ltv?.bottomLine, true, JSON.stringify(judged.ltv));
    const verdict = await pdfsig(path, nss);
    assert.deepEqual([verdict.signatures, verdict.valid], [1, 1], verdict.output);
  });

  it('B-LTA: DSS offline says TOTAL_PASSED at PAdES-BASELINE-LTA; pyHanko validates the signature and the document timestamp', async () => {
    const path = dir.file('lta.pdf', pdfLTA);
    const [report] = dssValidate([path], { trust: [rootPath] });
    const signature = report!.signatures[0];
    assert.equal(signature?.format, 'PAdES-BASELINE-LTA', brief(report));
    assert.equal(signature?.indication, 'TOTAL_PASSED', brief(report));
    const [hanko] = pyhankoValidate([path], { trust: [rootPath], ltv: true });
    const kinds = hanko!.signatures.map((s) => s.kind);
    assert.deepEqual(kinds, ['signature', 'timestamp'], JSON.stringify(hanko));
    for (const judged of hanko!.signatures) {
      assert.deepEqual([judged.intact, judged.valid, judged.trusted], [true, true, true], JSON.stringify(hanko));
    }
    assert.equal(hanko!.signatures[0]!.ltv?.bottomLine, true, JSON.stringify(hanko!.signatures[0]!.ltv));
    const verdict = await pdfsig(path, nss);
    assert.ok(verdict.valid >= 1, verdict.output);
    assert.match(verdict.output, /Signature #1:[\s\S]*?Signature Validation: Signature is Valid\./);
  });

  it('augment on a B-LTA PDF again adds the newest DSS data and a second document timestamp; all still pass', async () => {
    const again = await bytesOf(await augment(pdfLTA, 'B-LTA', { tsa }));
    assert.deepEqual(again.subarray(0, pdfLTA.length), pdfLTA, 'incremental: the earlier bytes are untouched');
    const path = dir.file('lta2.pdf', again);
    const [report] = dssValidate([path], { trust: [rootPath] });
    assert.equal(report!.signatures[0]?.format, 'PAdES-BASELINE-LTA', brief(report));
    assert.equal(report!.signatures[0]?.indication, 'TOTAL_PASSED', brief(report));
    const [hanko] = pyhankoValidate([path], { trust: [rootPath] });
    assert.deepEqual(
      hanko!.signatures.map((s) => [s.kind, s.valid, s.trusted]),
      [
        ['signature', true, true],
        ['timestamp', true, true],
        ['timestamp', true, true],
      ],
      JSON.stringify(hanko),
    );
    const verdict = await pdfsig(path, nss);
    assert.match(verdict.output, /Signature #1:[\s\S]*?Signature Validation: Signature is Valid\./);
  });

  it('a changed byte fails in DSS and pyHanko', async () => {
    const tampered = pdfLTA.slice();
    tampered[300] = (tampered[300] as number) ^ 0x01;
    const path = dir.file('lta-tampered.pdf', tampered);
    const [report] = dssValidate([path], { trust: [rootPath] });
    assert.equal(report!.signatures[0]?.indication, 'TOTAL_FAILED', brief(report));
    const [hanko] = pyhankoValidate([path], { trust: [rootPath] });
    assert.equal(hanko!.signatures[0]?.intact ?? false, false, JSON.stringify(hanko));
  });

  it('a PDF already signed twice augments to B-LTA; both signatures stay valid for pdfsig, DSS and pyHanko', async () => {
    const once = await bytesOf(await signPdf(smartca, await simplePdf(), { userId: USERS.cuong, level: 'B-T', tsa }));
    const twice = await bytesOf(await signPdf(smartca, once, { userId: USERS.cuong, level: 'B-T', tsa }));
    const fetched: string[] = [];
    const counting: typeof fetch = (input, init) => {
      fetched.push(String(input));
      return fetch(input, init);
    };
    const raised = await bytesOf(await augment(twice, 'B-LTA', { tsa, fetch: counting }));
    const ocsp = fetched.filter((url) => url.endsWith('/ocsp'));
    // Two signatures by one signer, timestamped by one TSA: one OCSP question per certificate (the
    // signer's and the TSA's), each CRL fetched once.
    assert.equal(ocsp.length, 2, `one OCSP call per certificate: ${fetched.join(', ')}`);
    const others = fetched.filter((url) => !url.endsWith('/ocsp'));
    assert.equal(new Set(others).size, others.length, `each CRL once per call: ${fetched.join(', ')}`);
    const path = dir.file('twice-lta.pdf', raised);
    const [report] = dssValidate([path], { trust: [rootPath] });
    assert.equal(report!.signatures.length, 2, brief(report));
    for (const signature of report!.signatures) {
      assert.equal(signature.indication, 'TOTAL_PASSED', brief(report));
      assert.equal(signature.format, 'PAdES-BASELINE-LTA', brief(report));
    }
    const [hanko] = pyhankoValidate([path], { trust: [rootPath], ltv: true });
    assert.deepEqual(
      hanko!.signatures.map((s) => [s.kind, s.valid, s.trusted, s.ltv?.bottomLine]),
      [
        ['signature', true, true, true],
        ['signature', true, true, true],
        ['timestamp', true, true, true],
      ],
      JSON.stringify(hanko),
    );
    const verdict = await pdfsig(path, nss);
    assert.match(
      verdict.output,
      /Signature #1:[\s\S]*?Signature is Valid\.[\s\S]*Signature #2:[\s\S]*?Signature is Valid\./,
    );
  });

  it('a certificate revoked before augmenting: the embedded OCSP says revoked, and DSS and pyHanko do not pass it', async () => {
    const signed = await bytesOf(await signPdf(smartca, await simplePdf(), { userId: USERS.an }));
    const [cert] = await smartca.certificates.list({ userId: USERS.an });
    const revoked = await fetch(`${server.url}/_sandbox/certificates/${cert!.id}/revoke`, {
      method: 'POST',
      body: JSON.stringify({ reason: 'keyCompromise' }),
      headers: { 'content-type': 'application/json' },
    });
    assert.equal(revoked.status, 200);
    const path = dir.file('revoked-lt.pdf', await bytesOf(await augment(signed, 'B-LT')));
    const [report] = dssValidate([path], { trust: [rootPath] });
    assert.notEqual(report!.signatures[0]?.indication, 'TOTAL_PASSED', brief(report));
    const [hanko] = pyhankoValidate([path], { trust: [rootPath], ltv: true });
    assert.equal(hanko!.signatures[0]!.ltv?.bottomLine, false, JSON.stringify(hanko));
  });

  it('typed errors: an unsigned PDF, B-LTA without a TSA, an OCSP responder that cannot be reached', async () => {
    await assert.rejects(
      augment(await simplePdf(), 'B-LT'),
      (e: unknown) => e instanceof InvalidInputError && e.code === 'PDF_NOT_SIGNED' && e.messages.vi.length > 0,
    );
    await assert.rejects(
      augment(pdfLT, 'B-LTA'),
      (e: unknown) => e instanceof InvalidInputError && e.code === 'TSA_URL_REQUIRED',
    );
    const down: typeof fetch = async () => {
      throw new TypeError('connect ECONNREFUSED');
    };
    await assert.rejects(
      augment(pdfLT, 'B-LT', { fetch: down, retries: 1 }),
      (e: unknown) =>
        e instanceof RevocationError &&
        e.code === 'REVOCATION_UNREACHABLE' &&
        /ECONNREFUSED/.test(e.messages.en) &&
        e.userMessages.vi.includes('chứng thư'),
    );
  });
});
