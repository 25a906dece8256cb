import { fail, pass, type FieldCheck } from './field-check.js';

/**
 * Checks a Vietnamese mobile number: 10 digits starting 03, 05, 07, 08 or 09, or the same after +84.
 * Spaces, dots, hyphens and parentheses are ignored. The value is the national form, e.g. `0912345678`.
 */
export function checkMobileNumber(value: unknown, field = 'contact.phone'): FieldCheck<string> {
  if (typeof value !== 'string' || value.trim() === '') {
    return fail(
      field,
      'PHONE_REQUIRED',
      `${field}: hãy nhập số điện thoại di động để nhận mã kích hoạt.`,
      `${field}: enter a mobile number; the activation code is sent there.`,
    );
  }
  const compact = value.replace(/[\s.()-]/g, '');
  const match = /^(?:\+84|0)([35789]\d{8})$/.exec(compact);
  if (!match) {
    return fail(
      field,
      'PHONE_INVALID',
      `${field}: số di động Việt Nam có 10 chữ số, bắt đầu bằng 03, 05, 07, 08 hoặc 09 (hoặc +84 thay cho số 0).`,
      `${field}: a Vietnamese mobile number has 10 digits starting 03, 05, 07, 08 or 09 (or +84 in place of the 0).`,
    );
  }
  return pass(`0${match[1]}`);
}

const EMAIL =
  /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*@((?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63})$/;

/**
 * Checks a contact email: `local@domain.tld` with an ASCII local part, no spaces, at most 254
 * characters. Surrounding spaces are trimmed and the domain is lower-cased; the local part is kept.
 */
export function checkEmail(value: unknown, field = 'contact.email'): FieldCheck<string> {
  if (typeof value !== 'string' || value.trim() === '') {
    return fail(
      field,
      'EMAIL_REQUIRED',
      `${field}: hãy nhập email thường dùng để nhận mã kích hoạt.`,
      `${field}: enter the email you use every day; the activation code is sent there.`,
    );
  }
  const email = value.trim();
  const match = EMAIL.exec(email);
  if (email.length > 254 || !match || email.indexOf('@') > 64) {
    return fail(
      field,
      'EMAIL_INVALID',
      `${field}: "${email.slice(0, 60)}" không phải địa chỉ email hợp lệ (ví dụ ten@example.vn).`,
      `${field}: "${email.slice(0, 60)}" is not a valid email address (e.g. name@example.vn).`,
    );
  }
  const at = email.lastIndexOf('@');
  return pass(`${email.slice(0, at)}@${email.slice(at + 1).toLowerCase()}`);
}

/**
 * Checks a contact address: where the person lives or works now, which need not be the card's. NFC,
 * single spaces, 5 to 250 characters, with at least one letter.
 */
export function checkAddress(value: unknown, field = 'contact.address'): FieldCheck<string> {
  if (typeof value !== 'string' || value.trim() === '') {
    return fail(
      field,
      'ADDRESS_REQUIRED',
      `${field}: hãy nhập địa chỉ liên hệ (nơi sinh sống hoặc làm việc hiện tại).`,
      `${field}: enter a contact address (where you live or work now).`,
    );
  }
  const address = value.normalize('NFC').trim().replace(/\s+/gu, ' ');
  if (address.length < 5 || address.length > 250 || !/\p{L}/u.test(address)) {
    return fail(
      field,
      'ADDRESS_INVALID',
      `${field}: địa chỉ phải dài 5–250 ký tự và có chữ.`,
      `${field}: the address must be 5 to 250 characters long and contain letters.`,
    );
  }
  return pass(address);
}
