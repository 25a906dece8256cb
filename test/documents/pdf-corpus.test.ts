// Every real-world PDF of the third-party corpus (../shared/corpus/pdf, see its SOURCES.txt) signed
// with a local RSA chain: each one ends either signed, with pdfsig agreeing the signature is valid and
// verifyPdf agreeing too, or refused with a typed, bilingual error. Anything else (an untyped
// exception, an output pdfsig rejects) fails the test. The tally is printed for the closing notes.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { before, describe, it } from 'node:test';
import { preparePdf, verifyPdf } from '@smartca-kit/documents';
import { SmartCAError } from '@smartca-kit/sdk';
import { corpusDir } from '../support/corpus.js';
import { createLocalSigner, type LocalSigner } from '../support/local-signer.js';
import { nssTrusting, pdfsig, tempDir, writeTemp } from '../support/validators.js';

describe('the real-world PDF corpus: signed valid, or refused with a typed error', () => {
  let signer: LocalSigner;
  let nss: string;
  const dir = tempDir();
  before(async () => {
    signer = await createLocalSigner();
    nss = nssTrusting(signer.rootPem);
  });

  it('signs every file it can, validly, and refuses the rest with typed errors', async () => {
    const folder = corpusDir('pdf');
    const names = readdirSync(folder)
      .filter((n) => n.endsWith('.pdf'))
      .sort();
    assert.ok(names.length >= 10, 'the corpus has its PDFs');
    const signed: string[] = [];
    const refused: string[] = [];
    for (const name of names) {
      const bytes = new Uint8Array(readFileSync(new URL(name, folder)));
      let output: Uint8Array;
      try {
        const prepared = await preparePdf(bytes, signer, { reason: 'Kiểm thử kho tài liệu' });
        output = await (await prepared.finish(signer.signDigest(prepared.digestToSign))).toBytes();
      } catch (error) {
        assert.ok(error instanceof SmartCAError, `${name}: an untyped ${String(error)}`);
        assert.ok(error.messages.vi && error.messages.en, `${name}: a message in both languages`);
        refused.push(`${name} (${error.code})`);
        continue;
      }
      const check = await pdfsig(writeTemp(dir, name, output), nss);
      // pdfsig counts every signature: ours is one more, and valid; the file's own stay as they were.
      const before = await pdfsig(writeTemp(dir, `original-${name}`, bytes), nss);
      assert.equal(check.signatures, before.signatures + 1, `${name}: pdfsig\n${check.output}`);
      assert.equal(check.valid, before.valid + 1, `${name}: pdfsig\n${check.output}`);
      const report = await verifyPdf(output, { trustedRoots: [signer.rootPem] });
      const ours = report.signatures.at(-1);
      assert.equal(ours?.valid, true, `${name}: verifyPdf ${ours?.problem}`);
      assert.equal(ours?.coversWholeDocument, true, name);
      signed.push(name);
    }
    console.log(
      `corpus: ${names.length} PDFs, ${signed.length} signed and valid in pdfsig and verifyPdf, ` +
        `${refused.length} refused with a typed error: ${refused.join(', ') || 'none'}; anything else: 0`,
    );
  });
});
