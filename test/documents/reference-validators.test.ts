import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { prepareCms, signPdf } from '@smartca-kit/documents';
import type { SmartCA } from '@smartca-kit/sdk';
import type { SandboxServer } from '@smartca-kit/sandbox/node';
import { dssValidate, type DssSignature } from '../support/dss.js';
import { pyhankoValidate } from '../support/pyhanko.js';
import { createLocalSigner } from '../support/local-signer.js';
import { simplePdf, vietnamesePdf } from '../support/pdf-fixtures.js';
import { clientFor, startSandbox, USERS } from '../support/sandbox.js';
import { EINVOICE, signXml } from '../support/xml-fixtures.js';
import { scratch } from '../support/validators.js';

// EU DSS and pyHanko judge what the SDK and the sandbox produce. Baseline B carries no timestamp and no
// revocation data, so DSS cannot conclude on the certificate (INDETERMINATE, no revocation data): what
// it must say is the level it detects, the signer, and that the signature itself is intact; pyHanko,
// whose revocation checking is soft-fail, must call it intact, valid and trusted. A changed byte must
// fail in both.
describe('EU DSS and pyHanko on the signatures smartca-kit makes (baseline B)', () => {
  let server: SandboxServer;
  let smartca: SmartCA;
  const dir = scratch('smartca-dss-');
  const intact = (s: DssSignature | undefined) =>
    s &&
    !['HASH_FAILURE', 'SIG_CRYPTO_FAILURE', 'FORMAT_FAILURE'].includes(s.subIndication ?? '') &&
    s.indication !== 'TOTAL_FAILED';

  before(async () => {
    server = await startSandbox({ autoApproveMs: 50 });
    smartca = clientFor(server);
  });
  after(() => server?.close());

  it('PAdES: a Vietnamese PDF and a PDF signed twice are PAdES-BASELINE-B, intact; a changed byte is HASH_FAILURE', async () => {
    const once = await (await signPdf(smartca, await vietnamesePdf(), { userId: USERS.cuong })).toBytes();
    const twice = await (
      await signPdf(smartca, once, { userId: USERS.em, serialNumber: undefined, serviceType: 'SMARTCA' })
    ).toBytes();
    const tampered = once.slice();
    tampered[200] = (tampered[200] as number) ^ 0x01;
    const trust = [dir.file('root.pem', server.sandbox.rootCertificatePem)];
    const [a, b, c] = dssValidate(
      [dir.file('once.pdf', once), dir.file('twice.pdf', twice), dir.file('tampered.pdf', tampered)],
      { trust },
    );
    assert.equal(a!.signatures.length, 1);
    assert.equal(a!.signatures[0]!.format, 'PAdES-BASELINE-B');
    assert.equal(a!.signatures[0]!.signedBy, 'Lê Hoàng Cường');
    assert.ok(intact(a!.signatures[0]), JSON.stringify(a));
    assert.equal(b!.signatures.length, 2);
    assert.ok(b!.signatures.every(intact), 'the second signature leaves the first intact');
    assert.deepEqual([c!.signatures[0]!.indication, c!.signatures[0]!.subIndication], ['TOTAL_FAILED', 'HASH_FAILURE']);

    const [pa, pb, pc] = pyhankoValidate(
      [dir.file('once.pdf', once), dir.file('twice.pdf', twice), dir.file('tampered.pdf', tampered)],
      { trust },
    );
    assert.deepEqual(
      pa!.signatures.map((s) => [s.intact, s.valid, s.trusted, s.coverage]),
      [[true, true, true, 'ENTIRE_FILE']],
    );
    assert.deepEqual(
      pb!.signatures.map((s) => [s.intact, s.valid, s.trusted]),
      [
        [true, true, true],
        [true, true, true],
      ],
    );
    assert.equal(
      pb!.signatures[0]!.modification,
      'FORM_FILLING',
      'the second signature is a permitted change to the first',
    );
    assert.equal(pc!.signatures[0]?.intact ?? false, false, JSON.stringify(pc));
  });

  it('CAdES (.p7s) and XAdES: detected at baseline B and intact', async () => {
    const signer = await createLocalSigner();
    const content = new TextEncoder().encode('Tờ khai BHXH mẫu TK1-TS');
    const prepared = await prepareCms(content, signer);
    const p7s = await (await prepared.finish(signer.signDigest(prepared.digestToSign))).toBytes();
    const xml = await signXml(EINVOICE, signer, { xades: true });
    const trust = [dir.file('local-root.pem', signer.rootPem)];
    const [cms] = dssValidate([dir.file('tk1.p7s', p7s)], { trust, content: dir.file('tk1.txt', content) });
    assert.equal(cms!.signatures[0]!.format, 'CAdES-BASELINE-B');
    assert.ok(intact(cms!.signatures[0]), JSON.stringify(cms));
    const [xades] = dssValidate([dir.file('hoa-don.xml', xml)], { trust });
    assert.equal(xades!.signatures[0]!.format, 'XAdES-BASELINE-B');
    assert.ok(intact(xades!.signatures[0]), JSON.stringify(xades));
  });

  it("a PDF of the portal's kind with an xref stream is read by DSS too", async () => {
    const signed = await (
      await signPdf(smartca, await simplePdf({ objectStreams: true, form: true }), { userId: USERS.an })
    ).toBytes();
    const [report] = dssValidate([dir.file('xref-stream.pdf', signed)], {
      trust: [dir.file('root.pem', server.sandbox.rootCertificatePem)],
    });
    assert.equal(report!.signatures[0]!.format, 'PAdES-BASELINE-B');
    assert.ok(intact(report!.signatures[0]));
    const [hanko] = pyhankoValidate([dir.file('xref-stream.pdf', signed)], {
      trust: [dir.file('root.pem', server.sandbox.rootCertificatePem)],
    });
    assert.equal(hanko!.signatures[0]!.bottomLine, true, JSON.stringify(hanko));
  });
});
