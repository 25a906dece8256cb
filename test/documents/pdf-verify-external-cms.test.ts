// verifyPdf on a PDF whose CMS another tool made: the byte ranges of a prepared PDF are signed with
// `openssl cms -sign -noattr` (no signed attributes, as some signers write) and the result put in
// /Contents. pdfsig is the oracle; before issue 16 verifyPdf called this "the signed bytes were changed".
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { preparePdf, verifyPdf } from '@smartca-kit/documents';
import { createLocalSigner } from '../support/local-signer.js';
import {
  opensslCmsCheck,
  opensslCmsSign,
  opensslPki,
  type OpensslLeaf,
  type OpensslPki,
} from '../support/openssl-pki.js';
import { simplePdf } from '../support/pdf-fixtures.js';
import { pdfsig, writeTemp } from '../support/validators.js';

/** A PDF signed by us, its /Contents replaced by openssl's CMS over the same byte ranges. */
async function resignedWithOpenssl(pki: OpensslPki, leaf: OpensslLeaf, extra: string[]): Promise<Uint8Array> {
  const signer = await createLocalSigner();
  const prepared = await preparePdf(await simplePdf(), signer, {});
  const pdf = (await (await prepared.finish(signer.signDigest(prepared.digestToSign))).toBytes()).slice();
  const match = /\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/.exec(Buffer.from(pdf).toString('latin1'));
  assert.ok(match, 'a /ByteRange');
  const [a, b, c, d] = match.slice(1).map(Number) as [number, number, number, number];
  const signedBytes = Buffer.concat([pdf.subarray(a, b), pdf.subarray(c, c + d)]);
  const cms = opensslCmsSign(leaf, writeTemp(pki.dir, 'ranges.bin', signedBytes), `${pki.dir}/ranges.p7s`, extra);
  assert.ok(
    opensslCmsCheck(`${pki.dir}/ranges.p7s`, `${pki.dir}/ranges.bin`, pki.rootPath).ok,
    'openssl accepts the CMS',
  );
  const hex = Buffer.from(cms).toString('hex');
  assert.ok(hex.length <= c - b - 2, 'the CMS fits the placeholder');
  pdf.set(Buffer.from(hex.padEnd(c - b - 2, '0'), 'latin1'), b + 1);
  return pdf;
}

describe('verifyPdf on a CMS made by openssl', () => {
  let pki: OpensslPki;
  let rsa: OpensslLeaf;
  before(() => {
    pki = opensslPki();
    rsa = pki.leaf('pdf', ['-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048']);
  });

  // Not here: `-stream` (BER). openssl cms -verify accepts that CMS over the ranges, but pdfsig (poppler
  // 22 with NSS) answers "Digest Mismatch" for it inside a PDF, so it has no second oracle; BER is
  // tested in cms-verify-vectors.test.ts against openssl.
  for (const [label, extra] of [
    ['without signed attributes', ['-noattr']],
    ['RSA-PSS with SHA-384', ['-md', 'sha384', '-keyopt', 'rsa_padding_mode:pss']],
  ] satisfies Array<[string, string[]]>) {
    it(`${label}: valid, as pdfsig says, and a changed signed byte is caught`, async () => {
      const pdf = await resignedWithOpenssl(pki, rsa, extra);
      const check = await pdfsig(writeTemp(pki.dir, 'external.pdf', pdf));
      assert.equal(check.valid, 1, check.output);
      const report = await verifyPdf(pdf, { trustedRoots: [pki.rootPem] });
      assert.equal(report.signatures[0]?.problem, undefined);
      assert.equal(report.valid, true);
      assert.equal(report.signatures[0]?.cms?.trusted, true);
      assert.equal(report.signatures[0]?.cms?.hasSignedAttributes, !extra.includes('-noattr'));
      const changed = pdf.slice();
      const at = Buffer.from(pdf).indexOf('/Type');
      changed[at + 1] = 0x74; // /Type → /type, inside the first byte range
      const bad = await verifyPdf(changed);
      assert.equal(bad.valid, false);
      assert.match(
        bad.signatures[0]?.problem ?? '',
        extra.includes('-noattr') ? /does not verify over the content/ : /signed bytes were changed/,
      );
    });
  }
});
