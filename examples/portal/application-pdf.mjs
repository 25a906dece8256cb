// The birth-registration request as a PDF with Vietnamese text: pdf-lib draws it, with an embedded
// subset of DejaVu Sans (the standard 14 PDF fonts have no Vietnamese letters). Debian ships the
// font in fonts-dejavu-core; set SMARTCA_PORTAL_FONT to use another TrueType font.
import fontkit from '@pdf-lib/fontkit';
import { readFile } from 'node:fs/promises';
import { PDFDocument, rgb } from 'pdf-lib';

const FONT = process.env.SMARTCA_PORTAL_FONT ?? '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf';
const FONT_BOLD = FONT.replace(/DejaVuSans\.ttf$/, 'DejaVuSans-Bold.ttf');
let fonts;

/** The application's lines: [text, style], style being 'title', 'center', 'label' or 'text'. */
function lines(docId, v, now) {
  const [year, month, day] = v.birthDate.split('-');
  return [
    ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'center-bold'],
    ['Độc lập - Tự do - Hạnh phúc', 'center'],
    ['', 'text'],
    ['TỜ KHAI ĐĂNG KÝ KHAI SINH', 'title'],
    [`Mã hồ sơ: ${docId}`, 'center'],
    ['', 'text'],
    [`Họ, chữ đệm, tên người yêu cầu: ${v.requesterName}`, 'text'],
    [`Giấy tờ tùy thân: CCCD số ${v.userId}`, 'text'],
    [`Quan hệ với người được khai sinh: ${v.relationship}`, 'text'],
    ['', 'text'],
    ['Đề nghị cơ quan đăng ký khai sinh cho người dưới đây:', 'label'],
    [`Họ, chữ đệm, tên: ${v.childName}`, 'text'],
    [`Ngày, tháng, năm sinh: ${day}/${month}/${year}`, 'text'],
    [`Giới tính: ${v.sex}`, 'text'],
    [`Nơi sinh: ${v.birthPlace}`, 'text'],
    ['', 'text'],
    ['Tôi cam đoan nội dung đề nghị đăng ký khai sinh trên đây là đúng sự thật và chịu trách nhiệm', 'text'],
    ['trước pháp luật về cam đoan của mình.', 'text'],
    ['', 'text'],
    [`Làm tại Cổng dịch vụ công, ngày ${now.toLocaleDateString('vi-VN')}`, 'text'],
    ['Người yêu cầu ký số bằng VNPT SmartCA', 'label'],
  ];
}

/** The application as PDF bytes (A4, one page). */
export async function renderApplicationPdf(docId, values, now = new Date()) {
  fonts ??= Promise.all([readFile(FONT), readFile(FONT_BOLD).catch(() => readFile(FONT))]);
  const [regularBytes, boldBytes] = await fonts;
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit);
  const regular = await doc.embedFont(regularBytes, { subset: true });
  const bold = await doc.embedFont(boldBytes, { subset: true });
  doc.setTitle(`Tờ khai đăng ký khai sinh ${docId}`);
  doc.setLanguage('vi-VN');
  doc.setCreator('Cổng dịch vụ công (demo smartca-kit)');
  const page = doc.addPage([595.28, 841.89]);
  let y = 780;
  for (const [text, style] of lines(docId, values, now)) {
    const font = style.endsWith('bold') || style === 'title' || style === 'label' ? bold : regular;
    const size = style === 'title' ? 16 : 11.5;
    const width = font.widthOfTextAtSize(text, size);
    const x = style.startsWith('center') || style === 'title' ? (595.28 - width) / 2 : 60;
    if (text) page.drawText(text, { x, y, size, font, color: rgb(0.08, 0.1, 0.14) });
    y -= style === 'title' ? 26 : 19;
  }
  return doc.save({ useObjectStreams: false });
}
