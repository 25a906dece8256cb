// A PDF of many objects, as a scanned file is: `pages` pages, each with its own content stream, font
// reference and an uncompressed grayscale image XObject, sized so the whole file is about `bytes`.
// Written by hand (classic xref table) so that generating 1,000 of them is quick.
import { writeFileSync } from 'node:fs';

const [output, bytesArg = String(1 << 20), pagesArg = '40'] = process.argv.slice(2);
const target = Number(bytesArg);
const pages = Number(pagesArg);
const side = Math.max(8, Math.floor(Math.sqrt(target / pages)));
const chunks = [];
const offsets = [];
let length = 0;
const push = (data) => {
  const buffer = typeof data === 'string' ? Buffer.from(data, 'latin1') : data;
  chunks.push(buffer);
  length += buffer.length;
};
const object = (id, body) => {
  offsets[id] = length;
  push(`${id} 0 obj\n`);
  for (const part of Array.isArray(body) ? body : [body]) push(part);
  push('\nendobj\n');
};

push('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n');
// 1 catalog, 2 pages, 3 font; page i: 4+3i page, 5+3i content, 6+3i image.
const kids = Array.from({ length: pages }, (_, i) => `${4 + 3 * i} 0 R`).join(' ');
object(1, '<< /Type /Catalog /Pages 2 0 R >>');
object(2, `<< /Type /Pages /Kids [${kids}] /Count ${pages} >>`);
object(3, '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>');
let seed = 7;
for (let i = 0; i < pages; i++) {
  const content = `q 500 0 0 700 50 80 cm /Im0 Do Q BT /F1 12 Tf 50 800 Td (Trang ${i + 1}) Tj ET`;
  object(
    4 + 3 * i,
    `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents ${5 + 3 * i} 0 R ` +
      `/Resources << /Font << /F1 3 0 R >> /XObject << /Im0 ${6 + 3 * i} 0 R >> >> >>`,
  );
  object(5 + 3 * i, [`<< /Length ${content.length} >>\nstream\n`, content, '\nendstream']);
  const image = Buffer.alloc(side * side);
  for (let p = 0; p < image.length; p++) {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    image[p] = 128 + ((seed >> 16) & 63);
  }
  object(6 + 3 * i, [
    `<< /Type /XObject /Subtype /Image /Width ${side} /Height ${side} /ColorSpace /DeviceGray /BitsPerComponent 8 /Length ${image.length} >>\nstream\n`,
    image,
    '\nendstream',
  ]);
}
const count = 4 + 3 * pages;
const xref = length;
push(`xref\n0 ${count}\n0000000000 65535 f \n`);
for (let id = 1; id < count; id++) push(`${String(offsets[id]).padStart(10, '0')} 00000 n \n`);
push(`trailer\n<< /Size ${count} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`);
writeFileSync(output, Buffer.concat(chunks));
