// The portal's own business: a birth-registration request ("Tờ khai đăng ký khai sinh"), the PDF the
// citizen signs, and the signed PDF it files. The server prepares the PDF (PAdES, with
// @smartca-kit/documents): the user's certificate comes from SmartCA through the SDK, the digest to
// sign goes into the session token, and once the relay has a verified signature the PDF is finished.
import { randomInt } from 'node:crypto';
import { preparePdf } from '@smartca-kit/documents';
import { base64ToBytes } from '@smartca-kit/sdk';
import { newAccessKey } from './application-access.mjs';
import { renderApplicationPdf } from './application-pdf.mjs';

// Numbers drawn before giving up; a day has a million, so this only ends a store that is full.
const MAX_DRAWS = 1000;

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

/**
 * The applications this portal process has received, by `docId`. The number is for people (the
 * citizen, the clerk, the SmartCA app); what grants access is each application's `accessKey` (see
 * application-access.mjs). A number is never reused: a second application never replaces a first.
 */
export class ApplicationStore {
  #byId = new Map();
  #smartca;
  #draw;

  /**
   * `smartca`: the server-side SDK client, to fetch each applicant's certificate. `drawNumber` picks
   * the six digits of a number (tests pass one that repeats, to check that nothing is overwritten).
   */
  constructor(smartca, { drawNumber = () => randomInt(1e6) } = {}) {
    this.#smartca = smartca;
    this.#draw = drawNumber;
  }

  /**
   * Files a new application: renders its PDF, fetches the applicant's certificate and prepares the
   * PAdES signature. The prepared document is kept: its digest (over signed attributes that include
   * the signing time) is what the session token binds, so it is prepared once per application.
   */
  async create(values) {
    const docId = this.#reserveNumber();
    try {
      const certificate = await this.#smartca.certificates.signer({ userId: values.userId });
      const pdf = await renderApplicationPdf(docId, values);
      const prepared = await preparePdf(pdf, certificate, { reason: 'Ký tờ khai đăng ký khai sinh',
        location: 'Cổng dịch vụ công' });
      const application = { docId, accessKey: newAccessKey(), values, pdf, prepared, digest: prepared.digestToSign,
        certificate };
      this.#byId.set(docId, application);
      return application;
    } catch (error) {
      this.#byId.delete(docId);
      throw error;
    }
  }

  /** The application `docId`, if this portal has it and it is filed (not still being prepared). */
  get(docId) {
    const application = this.#byId.get(docId);
    return application?.reserved ? undefined : application;
  }

  /**
   * A number no application has, held at once (before the awaits in `create`), so that two requests
   * filed in the same instant cannot both draw it.
   */
  #reserveNumber() {
    const day = new Date().toISOString().slice(0, 10).replace(/-/g, '');
    for (let i = 0; i < MAX_DRAWS; i++) {
      const docId = `HS-${day}-${String(this.#draw()).padStart(6, '0')}`;
      if (this.#byId.has(docId)) continue;
      this.#byId.set(docId, { reserved: true });
      return docId;
    }
    throw new Error('no free application number today');
  }

  /**
   * Embeds the signature the relay verified into the application's PDF (`finish` checks it again
   * against the signed attributes). Idempotent: the relay reports a signed transaction again after a
   * reload.
   */
  async finish(docId, result) {
    const application = this.get(docId);
    if (!application) return undefined;
    if (application.signed) return application.signed;
    application.finishing ??= (async () => {
      const signature = base64ToBytes(result.signatures.find((s) => s.docId === docId)?.signature ?? '');
      if (!signature) throw new Error('no signature for this document');
      const signedPdf = await (await application.prepared.finish(signature)).toBytes();
      application.signed = { signer: application.certificate.commonName, serialNumber: application.certificate.serialNumber,
        signedAt: new Date().toISOString(), pdf: signedPdf };
      return application.signed;
    })().catch((error) => {
      application.finishing = undefined; // let a later status call try again
      throw error;
    });
    return application.finishing;
  }
}
