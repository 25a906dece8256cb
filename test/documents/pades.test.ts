import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { before, describe, it } from 'node:test';
import { DocumentFormatError, preparePdf, verifyPdf } from '@smartca-kit/documents';
import { openFileSource, writeSignedDocument } from '@smartca-kit/documents/node';
import { InvalidInputError, SignatureVerificationError } from '@smartca-kit/sdk';
import { PDFDocument } from 'pdf-lib';
import { createLocalSigner, type LocalSigner } from '../support/local-signer.js';
import { simplePdf, VIETNAMESE_TEXT, vietnamesePdf, writeLargePdf } from '../support/pdf-fixtures.js';
import { nssTrusting, pdfsig, run, tempDir, writeTemp } from '../support/validators.js';

async function sign(signer: LocalSigner, pdf: Uint8Array, options = {}): Promise<Uint8Array> {
  const prepared = await preparePdf(pdf, signer, options);
  return (await prepared.finish(signer.signDigest(prepared.digestToSign))).toBytes();
}

function startsWith(whole: Uint8Array, prefix: Uint8Array): boolean {
  return Buffer.from(whole.subarray(0, prefix.length)).equals(Buffer.from(prefix));
}

describe('PAdES baseline B, checked by pdfsig', () => {
  let signer: LocalSigner;
  let dir: string;
  let nss: string;
  before(async () => {
    signer = await createLocalSigner();
    nss = nssTrusting(signer.rootPem);
    dir = tempDir();
  });

  it('classic xref table: valid, trusted through the embedded chain, original bytes untouched', async () => {
    const original = await simplePdf();
    const signed = await sign(signer, original, {
      reason: 'Tôi đồng ý',
      location: 'Hà Nội',
      contactInfo: 'an@example.vn',
    });
    assert.ok(startsWith(signed, original), 'the original is a prefix of the output');
    const check = await pdfsig(writeTemp(dir, 'classic.pdf', signed), nss);
    assert.equal(check.signatures, 1, check.output);
    assert.equal(check.valid, 1, check.output);
    assert.equal(check.trusted, 1, `the chain in the CMS lets pdfsig reach the root:\n${check.output}`);
    assert.match(check.output, /Signature Type: ETSI\.CAdES\.detached/);
    assert.match(check.output, /Total document signed/);

    const report = await verifyPdf(signed, { trustedRoots: [signer.rootPem] });
    assert.equal(report.valid, true);
    const [only] = report.signatures;
    assert.equal(only?.reason, 'Tôi đồng ý');
    assert.equal(only?.location, 'Hà Nội');
    assert.equal(only?.coversWholeDocument, true);
    assert.equal(only?.changesAfterSigning, 'none');
    assert.equal(only?.cms?.signer?.commonName, 'Nguyễn Văn An');
    assert.equal(only?.cms?.chain.length, 3);
    assert.equal(only?.cms?.trusted, true);
    assert.equal(only?.cms?.signingTime, undefined, 'PAdES carries no signing-time attribute');
    assert.equal(run('qpdf', ['--check', writeTemp(dir, 'classic-q.pdf', signed)]).status, 0);
  });

  it('xref streams and object streams (PDF 1.5): valid, and the update is an xref stream too', async () => {
    const original = await simplePdf({ objectStreams: true });
    assert.match(Buffer.from(original).toString('latin1'), /\/Type \/XRef/);
    const signed = await sign(signer, original);
    const appended = Buffer.from(signed.subarray(original.length)).toString('latin1');
    assert.match(appended, /\/Type \/XRef/);
    assert.doesNotMatch(appended, /^xref$/m);
    const check = await pdfsig(writeTemp(dir, 'xrefstream.pdf', signed));
    assert.equal(check.valid, 1, check.output);
    assert.equal(run('qpdf', ['--check', writeTemp(dir, 'xrefstream-q.pdf', signed)]).status, 0);
  });

  it('a second signature leaves the first valid; the report says what came after each', async () => {
    const once = await sign(signer, await simplePdf({ objectStreams: true }), { reason: 'Người lập' });
    const twice = await sign(signer, once, { reason: 'Người duyệt' });
    const check = await pdfsig(writeTemp(dir, 'twice.pdf', twice));
    assert.equal(check.signatures, 2, check.output);
    assert.equal(check.valid, 2, check.output);
    const report = await verifyPdf(twice);
    assert.deepEqual(
      report.signatures.map((s) => [
        s.fieldName,
        s.reason,
        s.coversWholeDocument,
        s.laterRevisions,
        s.changesAfterSigning,
      ]),
      [
        ['Signature1', 'Người lập', false, 1, 'signatures'],
        ['Signature2', 'Người duyệt', true, 0, 'none'],
      ],
    );
    assert.equal(report.valid, true);
  });

  it('an existing AcroForm keeps its fields; the signature joins them', async () => {
    const signed = await sign(signer, await simplePdf({ form: true }));
    assert.equal((await pdfsig(writeTemp(dir, 'form.pdf', signed))).valid, 1);
    const reloaded = await PDFDocument.load(signed);
    const names = reloaded
      .getForm()
      .getFields()
      .map((f) => f.getName())
      .sort();
    assert.deepEqual(names, ['Signature1', 'hoTen']);
    assert.equal(reloaded.getForm().getTextField('hoTen').getText(), 'Nguyen Van An');
  });

  it('Vietnamese text in an embedded font survives, and Vietnamese signature fields decode', async () => {
    const signed = await sign(signer, await vietnamesePdf(), { reason: 'Xác nhận hồ sơ', location: 'Thừa Thiên Huế' });
    const path = writeTemp(dir, 'vietnamese.pdf', signed);
    assert.equal((await pdfsig(path)).valid, 1);
    const text = run('pdftotext', [path, '-']).output;
    assert.ok(text.includes(VIETNAMESE_TEXT), `pdftotext output:\n${text}`);
    const [report] = (await verifyPdf(signed)).signatures;
    assert.equal(report?.location, 'Thừa Thiên Huế');
  });

  it('a byte changed after signing: pdfsig reports a digest mismatch, verifyPdf says the same', async () => {
    const signed = await sign(signer, await simplePdf());
    const tampered = signed.slice();
    const at = Buffer.from(tampered).indexOf('595');
    assert.ok(at > 0 && at < signed.length / 2);
    tampered[at] = '6'.charCodeAt(0);
    const check = await pdfsig(writeTemp(dir, 'tampered.pdf', tampered));
    assert.equal(check.valid, 0, check.output);
    assert.match(check.output, /Digest Mismatch/);
    const report = await verifyPdf(tampered);
    assert.equal(report.valid, false);
    assert.equal(report.signatures[0]?.cms?.digestMatches, false);
  });

  it('content appended after signing is reported as not covered', async () => {
    const signed = await sign(signer, await simplePdf());
    const extended = Buffer.concat([signed, Buffer.from('\n% appended\n')]);
    const [report] = (await verifyPdf(extended)).signatures;
    assert.equal(report?.valid, true, 'the signed revision itself is intact');
    assert.equal(report?.coversWholeDocument, false);
  });

  it('a later revision that changes the page is flagged as "other"', async () => {
    const signed = await sign(signer, await simplePdf());
    // Another tool's incremental update: pdf-lib cannot do one, so rewrite object 3's MediaBox by hand.
    const text = Buffer.from(signed).toString('latin1');
    const pageMatch = /(\d+) 0 obj\s*<<\s*\/Type \/Page\b[^]*?endobj/.exec(text);
    assert.ok(pageMatch);
    const startxref = Number(/startxref\s+(\d+)\s+%%EOF\s*$/.exec(text)?.[1]);
    const size = Number(/\/Size (\d+)/.exec(text.slice(startxref))?.[1]);
    const root = /\/Root (\d+ \d+ R)/.exec(text.slice(startxref))?.[1];
    const page = pageMatch[0].replace(/\/MediaBox \[[^\]]*\]/, '/MediaBox [0 0 300 300]');
    const offset = signed.length;
    const xref = offset + page.length + 1;
    const update =
      `${page}\nxref\n${pageMatch[1]} 1\n${String(offset).padStart(10, '0')} 00000 n\r\n` +
      `trailer\n<< /Size ${size} /Root ${root} /Prev ${startxref} >>\nstartxref\n${xref}\n%%EOF\n`;
    const changed = Buffer.concat([signed, Buffer.from(update, 'latin1')]);
    const [report] = (await verifyPdf(changed)).signatures;
    assert.equal(report?.laterRevisions, 1);
    assert.equal(report?.changesAfterSigning, 'other');
  });

  it('a large file is read from disk in chunks and written atomically', async () => {
    const input = `${dir}/large.pdf`;
    await writeLargePdf(input, 48 * 1024 * 1024);
    const source = await openFileSource(input);
    let progressCalls = 0;
    const prepared = await preparePdf(source, signer, { onProgress: () => void progressCalls++ });
    const signed = await prepared.finish(signer.signDigest(prepared.digestToSign));
    const output = `${dir}/large-signed.pdf`;
    await writeSignedDocument(signed, output);
    await source.close();
    assert.ok(progressCalls >= 48, 'progress is reported per 1 MiB chunk');
    const check = await pdfsig(output);
    assert.equal(check.valid, 1, check.output);
    assert.equal((await verifyPdf(await openFileSource(output))).valid, true);
  });
});

describe('PAdES bad input', () => {
  let signer: LocalSigner;
  before(async () => {
    signer = await createLocalSigner();
  });

  const formatError = async (bytes: Uint8Array, code: string) => {
    await assert.rejects(preparePdf(bytes, signer), (error: unknown) => {
      assert.ok(error instanceof DocumentFormatError, String(error));
      assert.equal(error.code, code);
      assert.ok(error.messages.vi.length > 10 && error.messages.en.length > 10);
      return true;
    });
  };

  it('not a PDF', () => formatError(new TextEncoder().encode('GIF89a this is not a pdf'), 'PDF_NOT_PDF'));

  it('truncated', async () => {
    const pdf = await simplePdf();
    await formatError(pdf.subarray(0, pdf.length - 200), 'PDF_TRUNCATED');
  });

  it('encrypted', async () => {
    const dir = tempDir();
    const plain = writeTemp(dir, 'plain.pdf', await simplePdf());
    const locked = `${dir}/locked.pdf`;
    assert.equal(run('qpdf', ['--encrypt', 'user', 'owner', '256', '--', plain, locked]).status, 0);
    await formatError(readFileSync(locked), 'PDF_ENCRYPTED');
  });

  it('damaged cross-reference offsets', async () => {
    const pdf = Buffer.from(await simplePdf());
    const text = pdf.toString('latin1').replace(/startxref\s+\d+/, 'startxref\n12');
    await formatError(Buffer.from(text, 'latin1'), 'PDF_XREF_DAMAGED');
  });

  it('a certificate that may not sign documents', async () => {
    const caOnly = await createLocalSigner({ keyUsage: 32 /* keyCertSign */ });
    await assert.rejects(
      preparePdf(await simplePdf(), caOnly),
      (error: unknown) =>
        error instanceof InvalidInputError && error.code === 'CERTIFICATE_KEY_USAGE' && error.field === 'certificate',
    );
  });

  it('a signature that does not verify is refused before anything is embedded', async () => {
    const prepared = await preparePdf(await simplePdf(), signer);
    const wrong = signer.signDigest(new Uint8Array(32).fill(7));
    await assert.rejects(
      prepared.finish(wrong),
      (error: unknown) => error instanceof SignatureVerificationError && error.reason === 'signature-mismatch',
    );
  });

  it('a failed write leaves no partial file', async () => {
    const dir = tempDir();
    const prepared = await preparePdf(await simplePdf(), signer);
    const signed = await prepared.finish(signer.signDigest(prepared.digestToSign));
    await assert.rejects(writeSignedDocument(signed, `${dir}/missing-dir/out.pdf`));
    writeFileSync(`${dir}/marker`, '');
    assert.deepEqual(run('ls', ['-A', dir]).output.trim().split('\n'), ['marker']);
  });
});
