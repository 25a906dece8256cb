// The portal's own business: a birth-registration request ("Tờ khai đăng ký khai sinh"), the document
// the citizen signs, and what the portal keeps once SmartCA returned a signature. Nothing here is
// SmartCA-specific except the last step, which checks the signature the widget handed over.
import { createHash, randomInt } from 'node:crypto';
import { base64ToBytes, SmartCACertificate, toPem, verifyCertificate, verifySignature } from '@smartca-kit/sdk';

const FIELDS = {
  userId: { label: 'Số CCCD của người yêu cầu', pattern: /^\d{12}$/ },
  requesterName: { label: 'Họ và tên người yêu cầu', pattern: /^.{2,80}$/u },
  relationship: { label: 'Quan hệ với người được đăng ký khai sinh', pattern: /^.{2,40}$/u },
  childName: { label: 'Họ và tên người được đăng ký khai sinh', pattern: /^.{2,80}$/u },
  birthDate: { label: 'Ngày, tháng, năm sinh', pattern: /^\d{4}-\d{2}-\d{2}$/ },
  sex: { label: 'Giới tính', pattern: /^(Nam|Nữ)$/u },
  birthPlace: { label: 'Nơi sinh', pattern: /^.{2,120}$/u },
};

/** The form's fields, or the first problem with them. */
export function readApplication(body) {
  const values = {};
  for (const [name, { label, pattern }] of Object.entries(FIELDS)) {
    const value = typeof body?.[name] === 'string' ? body[name].trim() : '';
    if (!pattern.test(value)) return { error: `${label}: giá trị không hợp lệ.` };
    values[name] = value;
  }
  return { values };
}

/** The document the citizen signs: plain text for now (the PDF comes with @smartca-kit/documents). */
export function renderApplication(docId, v, now = new Date()) {
  const [year, month, day] = v.birthDate.split('-');
  return [
    'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
    'Độc lập - Tự do - Hạnh phúc',
    '',
    'TỜ KHAI ĐĂNG KÝ KHAI SINH',
    `Mã hồ sơ: ${docId}`,
    '',
    `Họ, chữ đệm, tên người yêu cầu: ${v.requesterName}`,
    `Giấy tờ tùy thân: CCCD số ${v.userId}`,
    `Quan hệ với người được khai sinh: ${v.relationship}`,
    '',
    'Đề nghị cơ quan đăng ký khai sinh cho người dưới đây:',
    `Họ, chữ đệm, tên: ${v.childName}`,
    `Ngày, tháng, năm sinh: ${day}/${month}/${year}`,
    `Giới tính: ${v.sex}`,
    `Nơi sinh: ${v.birthPlace}`,
    '',
    'Tôi cam đoan nội dung đề nghị đăng ký khai sinh trên đây là đúng sự thật và chịu trách nhiệm',
    'trước pháp luật về cam đoan của mình.',
    '',
    `Làm tại Cổng dịch vụ công, ngày ${now.toLocaleDateString('vi-VN')}`,
  ].join('\n');
}

/** The applications this portal process has received, by `docId`. */
export class ApplicationStore {
  #byId = new Map();

  /** Files a new application and returns it with its document and the document's SHA-256. */
  create(values) {
    const docId = `HS-${new Date().toISOString().slice(0, 10).replace(/-/g, '')}-${String(randomInt(1e6)).padStart(6, '0')}`;
    const text = renderApplication(docId, values);
    const application = { docId, values, text, digest: new Uint8Array(createHash('sha256').update(text).digest()) };
    this.#byId.set(docId, application);
    return application;
  }

  /** The application `docId`, if this portal has it. */
  get(docId) {
    return this.#byId.get(docId);
  }

  /**
   * Accepts a signature for an application only after checking it: the certificate chains to the
   * trusted roots and names the applicant's CCCD, and the signature verifies over the document's digest.
   * The widget's result comes from the browser, so the portal trusts it no more than any form field.
   */
  async attachSignature(docId, { signature, certificate, chain = [] }, trustedRoots) {
    const application = this.#byId.get(docId);
    if (!application) return { status: 404, error: 'Không tìm thấy hồ sơ.' };
    const der = base64ToBytes(certificate ?? '');
    const raw = base64ToBytes(signature ?? '');
    if (!der || !raw) return { status: 400, error: 'Chữ ký hoặc chứng thư số không hợp lệ.' };
    try {
      const cert = new SmartCACertificate(der, { chain: chain.map((c) => base64ToBytes(c)).filter(Boolean) });
      await verifyCertificate(cert, { trustedRoots });
      if (cert.identity?.value !== application.values.userId) {
        return { status: 422, error: 'Chứng thư số không thuộc về người nộp hồ sơ.' };
      }
      await verifySignature(cert, application.digest, raw, docId);
      application.signed = { signer: cert.commonName, serialNumber: cert.serialNumber, signature, certificatePem: toPem(der),
        signedAt: new Date().toISOString() };
      return { status: 200, signed: application.signed };
    } catch (error) {
      return { status: 422, error: `Chữ ký không hợp lệ: ${error.message}` };
    }
  }
}
