// The birth-registration request as a PDF with Vietnamese text: pdf-lib draws it, with an embedded
// subset of DejaVu Sans (the standard 14 PDF fonts have no Vietnamese letters). Debian ships the
// font in fonts-dejavu-core; set SMARTCA_PORTAL_FONT to use another TrueType font.
import fontkit from '@pdf-lib/fontkit';
import { readFile } from 'node:fs/promises';
import { PDFDocument, rgb } from 'pdf-lib';

const FONT = process.env.SMARTCA_PORTAL_FONT ?? '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf';
const FONT_BOLD = FONT.replace(/DejaVuSans\.ttf$/, 'DejaVuSans-Bold.ttf');
const PAGE = { width: 595.28, height: 841.89 }; // A4
const MARGIN = 60;
let fonts;

/**
 * The application's paragraphs: [text, style], style being 'title', 'center', 'center-bold', 'label'
 * or 'text'. Each is wrapped to the page when drawn, never cut: the citizen signs every word of it.
 */
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
    // Since 1 July 2024 the card is "thẻ căn cước"; the 12 digits are the personal ID number either way.
    [`Số định danh cá nhân: ${v.userId}`, 'text'],
    [`Quan hệ với người được khai sinh: ${v.relationship}`, 'text'],
    ['', 'text'],
    ['Đề nghị cơ quan đăng ký khai sinh cho người dưới đây:', 'label'],
    [`Họ, chữ đệm, tên: ${v.childName}`, 'text'],
    [`Ngày, tháng, năm sinh: ${day}/${month}/${year}`, 'text'],
    [`Giới tính: ${v.sex}`, 'text'],
    [`Nơi sinh: ${v.birthPlace}`, 'text'],
    ['', 'text'],
    [
      'Tôi cam đoan nội dung đề nghị đăng ký khai sinh trên đây là đúng sự thật và chịu trách nhiệm trước pháp luật ' +
        'về cam đoan của mình.',
      'text',
    ],
    ['', 'text'],
    [`Làm tại Cổng dịch vụ công, ${formalDate(now)}`, 'text'],
    ['Người yêu cầu ký số bằng VNPT SmartCA', 'label'],
  ];
}

/** A date as Vietnamese forms write it, on Vietnam's calendar: "ngày 01 tháng 12 năm 2026". */
function formalDate(date) {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Asia/Ho_Chi_Minh',
      day: '2-digit',
      month: '2-digit',
      year: 'numeric',
    })
      .formatToParts(date)
      .map((p) => [p.type, p.value]),
  );
  return `ngày ${parts.day} tháng ${parts.month} năm ${parts.year}`;
}

/**
 * `text` broken into lines no wider than `width` at `size`: between words, and inside a word only when
 * the word alone is wider than the line (a long code with no space).
 */
function wrap(text, font, size, width) {
  const fits = (t) => font.widthOfTextAtSize(t, size) <= width;
  const out = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const candidate = line ? `${line} ${word}` : word;
    if (fits(candidate)) {
      line = candidate;
      continue;
    }
    if (line) out.push(line);
    line = word;
    while (!fits(line)) {
      let cut = line.length - 1;
      while (cut > 1 && !fits(line.slice(0, cut))) cut--;
      out.push(line.slice(0, cut));
      line = line.slice(cut);
    }
  }
  out.push(line);
  return out;
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
  doc.setCreator('Cổng dịch vụ công (thử nghiệm, smartca-kit)');
  const page = doc.addPage([PAGE.width, PAGE.height]);
  const width = PAGE.width - 2 * MARGIN;
  let y = 780;
  for (const [text, style] of lines(docId, values, now)) {
    const font = style.endsWith('bold') || style === 'title' || style === 'label' ? bold : regular;
    const size = style === 'title' ? 16 : 11.5;
    const step = style === 'title' ? 26 : 19;
    if (!text) {
      y -= step;
      continue;
    }
    for (const line of wrap(text, font, size, width)) {
      const lineWidth = font.widthOfTextAtSize(line, size);
      const x = style.startsWith('center') || style === 'title' ? (PAGE.width - lineWidth) / 2 : MARGIN;
      page.drawText(line, { x, y, size, font, color: rgb(0.08, 0.1, 0.14) });
      // A wrapped line follows closer than the next paragraph.
      y -= size * 1.45;
    }
    y -= step - size * 1.45;
  }
  return doc.save({ useObjectStreams: false });
}
