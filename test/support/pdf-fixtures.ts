// PDFs for document tests, built the ways real producers build them: pdf-lib with a classic xref
// table or with xref + object streams (PDF 1.5), an AcroForm, Vietnamese text in an embedded font
// subset, and large files written by hand so they cost no memory to make (scripts/fixtures, shared
// with the benchmarks).
import fontkit from '@pdf-lib/fontkit';
import { readFileSync } from 'node:fs';
import { PDFDocument, StandardFonts } from 'pdf-lib';

export const VIETNAMESE_TEXT = 'Cộng hòa Xã hội Chủ nghĩa Việt Nam — Độc lập, Tự do, Hạnh phúc';
const FONT = '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf';

/** A one-page PDF. `objectStreams` selects an xref stream + object streams instead of a classic table. */
export async function simplePdf(
  options: { objectStreams?: boolean; form?: boolean; pages?: number } = {},
): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let i = 0; i < (options.pages ?? 1); i++) {
    const page = doc.addPage([595, 842]);
    page.drawText(`Don dang ky khai sinh - trang ${i + 1}`, { x: 50, y: 780, size: 14, font });
  }
  if (options.form) {
    const field = doc.getForm().createTextField('hoTen');
    field.setText('Nguyen Van An');
    field.addToPage(doc.getPage(0), { x: 50, y: 700, width: 200, height: 20 });
  }
  return doc.save({ useObjectStreams: options.objectStreams ?? false });
}

/** A PDF whose text is Vietnamese, drawn with an embedded subset of DejaVu Sans. */
export async function vietnamesePdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit);
  const font = await doc.embedFont(readFileSync(FONT), { subset: true });
  const page = doc.addPage([595, 842]);
  page.drawText(VIETNAMESE_TEXT, { x: 40, y: 780, size: 12, font });
  page.drawText('Đơn đăng ký khai sinh — Nguyễn Thị Thủy, Hoà Bình', { x: 40, y: 750, size: 12, font });
  doc.setTitle('Đơn đăng ký khai sinh');
  return doc.save({ useObjectStreams: true });
}

export { writeLargePdf } from '../../scripts/fixtures/large-pdf.js';
