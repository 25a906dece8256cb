// PDFs for document tests, built the ways real producers build them: pdf-lib with a classic xref
// table or with xref + object streams (PDF 1.5), an AcroForm, Vietnamese text in an embedded font
// subset, and large files written by hand so they cost no memory to make.
import fontkit from '@pdf-lib/fontkit';
import { readFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { PDFDocument, StandardFonts } from 'pdf-lib';

export const VIETNAMESE_TEXT = 'Cộng hòa Xã hội Chủ nghĩa Việt Nam — Độc lập, Tự do, Hạnh phúc';
const FONT = '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf';

/** A one-page PDF. `objectStreams` selects an xref stream + object streams instead of a classic table. */
export async function simplePdf(options: { objectStreams?: boolean; form?: boolean; pages?: number } = {}): Promise<Uint8Array> {
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

/**
 * A valid PDF of about `bytes` bytes, streamed to `path`: one page and one large (unreferenced by
 * the page) stream of filler, with a classic xref table. Written in 1 MiB pieces.
 */
export async function writeLargePdf(path: string, bytes: number): Promise<void> {
  const file = await open(path, 'w');
  let offset = 0;
  const offsets: number[] = [];
  const write = async (text: string | Uint8Array) => {
    const data = typeof text === 'string' ? Buffer.from(text, 'latin1') : text;
    await file.write(data);
    offset += data.length;
  };
  await write('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n');
  offsets[1] = offset; await write('1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n');
  offsets[2] = offset; await write('2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n');
  offsets[3] = offset; await write('3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << >> >>\nendobj\n');
  const content = 'BT ET\n';
  offsets[4] = offset; await write(`4 0 obj\n<< /Length ${content.length} >>\nstream\n${content}\nendstream\nendobj\n`);
  const payload = Math.max(0, bytes - 1024);
  offsets[5] = offset; await write(`5 0 obj\n<< /Length ${payload} >>\nstream\n`);
  const chunk = Buffer.alloc(1 << 20);
  for (let i = 0; i < chunk.length; i++) chunk[i] = (i * 2654435761) >>> 24;
  for (let left = payload; left > 0; left -= chunk.length) await write(left >= chunk.length ? chunk : chunk.subarray(0, left));
  await write('\nendstream\nendobj\n');
  const xref = offset;
  let table = `xref\n0 6\n0000000000 65535 f\r\n`;
  for (let i = 1; i <= 5; i++) table += `${String(offsets[i]).padStart(10, '0')} 00000 n\r\n`;
  await write(`${table}trailer\n<< /Size 6 /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`);
  await file.close();
}
