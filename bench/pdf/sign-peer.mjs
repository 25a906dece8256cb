// The peer: @signpdf/signpdf with pdf-lib, as its README shows (load, add a placeholder, save, sign).
// Its Signer returns a detached CMS over the ByteRange content; we build that CMS with our own
// prepareCms so both sides share the RSA and CMS cost and only the PDF handling differs.
import { readFileSync, writeFileSync } from 'node:fs';
import { pdflibAddPlaceholder } from '@signpdf/placeholder-pdf-lib';
import { SignPdf } from '@signpdf/signpdf';
import { Signer } from '@signpdf/utils';
import { PDFDocument } from 'pdf-lib';
import { prepareCms } from '@smartca-kit/documents';
import { loadSigner } from './raw-signer.mjs';

const [input, output, signerDir] = process.argv.slice(2);
const signer = loadSigner(signerDir);

class CmsSigner extends Signer {
  async sign(content) {
    const prepared = await prepareCms(new Uint8Array(content), signer.certificate);
    return Buffer.from(await (await prepared.finish(signer.signDigest(prepared.digestToSign))).toBytes());
  }
}

const pdfDoc = await PDFDocument.load(readFileSync(input));
pdflibAddPlaceholder({
  pdfDoc,
  reason: 'Benchmark',
  location: 'Ha Noi',
  contactInfo: 'bench',
  name: 'Benchmark',
  signatureLength: 8192,
  subFilter: 'ETSI.CAdES.detached',
});
const withPlaceholder = Buffer.from(await pdfDoc.save({ useObjectStreams: false }));
writeFileSync(output, await new SignPdf().sign(withPlaceholder, new CmsSigner()));
