// The portal's own business: a birth-registration request ("Tờ khai đăng ký khai sinh"), the PDF the
// citizen signs, and the signed PDF it files. The server prepares the PDF (PAdES, with
// @smartca-kit/documents): the user's certificate comes from SmartCA through the SDK, the digest to
// sign goes into the session token, and once the relay has a verified signature the PDF is finished.
import { randomInt } from 'node:crypto';
import { preparePdf } from '@smartca-kit/documents';
import { base64ToBytes } from '@smartca-kit/sdk';
import { newAccessKey } from './application-access.mjs';
import { renderApplicationPdf } from './application-pdf.mjs';

/** What is wrong with a typed citizen ID, in the citizen's words; undefined when it is 12 digits. */
export function userIdProblem(value) {
  const { label, pattern, expected } = FIELDS.userId;
  return typeof value === 'string' && pattern.test(value) ? undefined : `${label} ${expected}.`;
}

// Numbers drawn before giving up; a day has a million, so this only ends a store that is full.
const MAX_DRAWS = 1000;

// Each field says what it expects, so a refusal tells the citizen what to type instead of "giá trị
// không hợp lệ". The form checks the same in the browser; these checks are the ones that count.
const FIELDS = {
  userId: { label: 'Số định danh cá nhân / Số CCCD', pattern: /^\d{12}$/, expected: 'phải gồm đúng 12 chữ số' },
  requesterName: { label: 'Họ và tên người yêu cầu', pattern: /^.{2,80}$/u, expected: 'phải có từ 2 đến 80 ký tự' },
  relationship: {
    label: 'Quan hệ với người được khai sinh',
    pattern: /^.{2,40}$/u,
    expected: 'phải có từ 2 đến 40 ký tự',
  },
  childName: { label: 'Họ và tên người được khai sinh', pattern: /^.{2,80}$/u, expected: 'phải có từ 2 đến 80 ký tự' },
  birthDate: {
    label: 'Ngày sinh',
    pattern: /^\d{4}-\d{2}-\d{2}$/,
    expected: 'phải là một ngày trong quá khứ (không sau hôm nay), từ năm 1900',
  },
  sex: { label: 'Giới tính', pattern: /^(Nam|Nữ)$/u, expected: 'phải là Nam hoặc Nữ' },
  birthPlace: { label: 'Nơi sinh', pattern: /^.{2,120}$/u, expected: 'phải có từ 2 đến 120 ký tự' },
};

/** The form's fields, or the first problem with them: `{ error, field }`. */
export function readApplication(body, now = new Date()) {
  const values = {};
  for (const [name, { label, pattern, expected }] of Object.entries(FIELDS)) {
    const value = typeof body?.[name] === 'string' ? body[name].trim().replace(/\s+/g, ' ').normalize('NFC') : '';
    const valid = pattern.test(value) && (name !== 'birthDate' || isPastDate(value, now));
    if (!valid) return { error: `${label} ${expected}.`, field: name };
    values[name] = value;
  }
  return { values };
}

/** Whether `iso` (YYYY-MM-DD) is a real calendar date from 1900 to today, on Vietnam's calendar. */
function isPastDate(iso, now) {
  const date = new Date(`${iso}T00:00:00Z`);
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== iso) return false; // 2026-02-30
  return iso >= '1900-01-01' && iso <= vietnamDay(now);
}

/** Today in Vietnam, YYYY-MM-DD. */
function vietnamDay(now) {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(now);
}

/** A date as the page writes it, on Vietnam's calendar: 05/11/2026. */
function shortDate(date) {
  return new Intl.DateTimeFormat('vi-VN', {
    timeZone: 'Asia/Ho_Chi_Minh',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
  }).format(date);
}

/** A name as a person would compare it: tone marks kept, case and spacing not. */
function sameName(a, b) {
  const norm = (text) => (text ?? '').normalize('NFC').trim().replace(/\s+/g, ' ').toLocaleLowerCase('vi');
  return norm(a) === norm(b);
}

// VNPT's hotline, as its guides print it.
const RENEW = 'Gia hạn chứng thư số trên ứng dụng VNPT SmartCA, hoặc gọi tổng đài VNPT 1800 1260.';

/**
 * A certificate that cannot sign, found when the application is filed rather than at signing (where
 * the only button left was a "Ký lại" that could never work): what happened and what to do.
 */
export class CertificateRefusedError extends Error {
  constructor(code, vi, field) {
    super(vi);
    this.code = code;
    this.field = field;
  }
}

/** Why `certificate` cannot sign this application for `values`, or undefined when it can. */
function refusalOf(certificate, values, now) {
  if (certificate.statusCode === 'REVOKED') {
    return new CertificateRefusedError(
      'CERTIFICATE_REVOKED',
      `Chứng thư số SmartCA của số CCCD này đã bị thu hồi, nên không ký được ` + `tờ khai. ${RENEW}`,
      'userId',
    );
  }
  if (certificate.statusCode === 'SUSPENDED') {
    return new CertificateRefusedError(
      'CERTIFICATE_SUSPENDED',
      `Chứng thư số SmartCA của số CCCD này đang bị tạm dừng, nên chưa ` + `ký được tờ khai. ${RENEW}`,
      'userId',
    );
  }
  if (now > certificate.validTo || certificate.statusCode === 'EXPIRED') {
    return new CertificateRefusedError(
      'CERTIFICATE_EXPIRED',
      `Chứng thư số SmartCA của số CCCD này đã hết hạn từ ngày ` +
        `${shortDate(certificate.validTo)}, nên không ký được tờ khai. ${RENEW}`,
      'userId',
    );
  }
  // Only a VALID certificate signs (SmartCA's cert_status_code; empty when it sends none): one waiting
  // for acceptance, sync or approval is not usable yet, nor one not yet valid or without a signing key.
  const waiting = Boolean(certificate.statusCode) && certificate.statusCode !== 'VALID';
  if (waiting || now < certificate.validFrom || !certificate.canSign) {
    return new CertificateRefusedError(
      'CERTIFICATE_NOT_USABLE',
      `Chứng thư số SmartCA của số CCCD này chưa dùng để ký được. ${RENEW}`,
      'userId',
    );
  }
  if (!sameName(values.requesterName, certificate.commonName)) {
    return new CertificateRefusedError(
      'NAME_MISMATCH',
      `Họ và tên người yêu cầu phải trùng với tên trên chứng thư số: ` + `“${certificate.commonName}” (ghi đủ dấu).`,
      'requesterName',
    );
  }
  return undefined;
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
      const refusal = refusalOf(certificate, values, new Date());
      if (refusal) throw refusal;
      const pdf = await renderApplicationPdf(docId, values);
      const prepared = await preparePdf(pdf, certificate, {
        reason: 'Ký tờ khai đăng ký khai sinh',
        location: 'Cổng dịch vụ công',
      });
      const application = {
        docId,
        accessKey: newAccessKey(),
        values,
        pdf,
        prepared,
        digest: prepared.digestToSign,
        certificate,
      };
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
      application.signed = {
        signer: application.certificate.commonName,
        serialNumber: application.certificate.serialNumber,
        signedAt: new Date().toISOString(),
        pdf: signedPdf,
      };
      return application.signed;
    })().catch((error) => {
      application.finishing = undefined; // let a later status call try again
      throw error;
    });
    return application.finishing;
  }
}
