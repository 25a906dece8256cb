// The peer, as the @signpdf READMEs show it: pdf-lib loads each PDF and adds a placeholder, pdf-lib
// saves it, and @signpdf/signpdf signs it with P12Signer (node-forge's CMS, a local key: no remote
// approval at all, which only favours the peer). One file after the other, like the README's loop.
// A P12Signer reads its PKCS#12 buffer as it signs, so it signs once: one per document, as the README
// builds it.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pdflibAddPlaceholder } from '@signpdf/placeholder-pdf-lib';
import { P12Signer } from '@signpdf/signer-p12';
import { SignPdf } from '@signpdf/signpdf';
import { PDFDocument } from 'pdf-lib';

const [inDir, outDir, p12, countArg] = process.argv.slice(2);
const names = readdirSync(inDir).sort().slice(0, Number(countArg));
const certificate = readFileSync(p12);
const signpdf = new SignPdf();
const started = performance.now();
for (const name of names) {
  const pdfDoc = await PDFDocument.load(readFileSync(join(inDir, name)));
  pdflibAddPlaceholder({ pdfDoc, reason: 'Benchmark', location: 'Ha Noi', contactInfo: 'bench', name: 'Benchmark' });
  const withPlaceholder = Buffer.from(await pdfDoc.save({ useObjectStreams: false }));
  writeFileSync(
    join(outDir, name),
    await signpdf.sign(withPlaceholder, new P12Signer(certificate, { passphrase: 'bench' })),
  );
}
const seconds = (performance.now() - started) / 1000;
process.stdout.write(`${JSON.stringify({ documents: names.length, seconds })}\n`);
