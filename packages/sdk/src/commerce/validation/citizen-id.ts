import { fail, pass, type FieldCheck } from './field-check.js';
import { PROVINCE_CODES } from './provinces.js';

/** The identity documents a person registers with: the chip ID card (CCCD) or the old ID card (CMND). */
export type IdDocumentType = 'CCCD' | 'CMND';

/** The sex a CCCD number encodes, as printed on the card. */
export type Gender = 'male' | 'female';

/** What a valid ID number says about its holder. Only a CCCD encodes anything beyond the digits. */
export interface IdNumberFacts {
  /** The document type. */
  documentType: IdDocumentType;
  /** The number: digits only. */
  idNumber: string;
  /** CCCD: the three-digit province of registration, e.g. `001`. */
  provinceCode?: string | undefined;
  /** CCCD: the province's name, e.g. `Hà Nội`. */
  provinceName?: string | undefined;
  /** CCCD: the holder's sex (even gender/century digit: male, odd: female). */
  gender?: Gender | undefined;
  /** CCCD: the first year of the holder's birth century, e.g. 1900 or 2000. */
  birthCentury?: number | undefined;
  /** CCCD: the last two digits of the holder's birth year. */
  birthYearDigits?: number | undefined;
}

/**
 * Checks an ID number's structure, not only its length.
 * - CCCD, 12 digits: `PPP G YY NNNNNN`. `PPP` must be one of the 63 province codes; `G` encodes sex and
 *   birth century (0/1: 1900s, 2/3: 2000s, 4/5: 2100s, 6/7: 2200s, 8/9: 2300s; even male, odd female);
 *   `YY` is the birth year's last two digits. When `dateOfBirth` or `gender` is given they must agree.
 * - CMND, 9 or 12 digits. Old cards carry no checkable structure (their prefixes were reassigned over
 *   the years), so only the digits are checked.
 *
 * Spaces between digit groups are accepted and removed; nothing else is rewritten.
 */
export function checkIdNumber(
  documentType: unknown,
  idNumber: unknown,
  options: {
    dateOfBirth?: string | undefined;
    gender?: Gender | undefined;
    typeField?: string;
    numberField?: string;
  } = {},
): FieldCheck<IdNumberFacts> {
  const typeField = options.typeField ?? 'identity.documentType';
  const field = options.numberField ?? 'identity.idNumber';
  if (documentType !== 'CCCD' && documentType !== 'CMND') {
    return fail(
      typeField,
      'DOCUMENT_TYPE_INVALID',
      `${typeField}: loại giấy tờ phải là "CCCD" hoặc "CMND".`,
      `${typeField} must be "CCCD" or "CMND".`,
    );
  }
  if (typeof idNumber !== 'string' || idNumber.trim() === '') {
    return fail(
      field,
      'ID_NUMBER_REQUIRED',
      `${field}: hãy nhập số ${documentType}.`,
      `${field}: enter the ${documentType} number.`,
    );
  }
  const digits = idNumber.replace(/ /g, '');
  if (!/^\d+$/.test(digits)) {
    return fail(
      field,
      'ID_NUMBER_NOT_DIGITS',
      `${field}: số ${documentType} chỉ gồm chữ số.`,
      `${field}: a ${documentType} number has digits only.`,
    );
  }
  if (documentType === 'CMND') {
    if (digits.length !== 9 && digits.length !== 12) {
      return fail(
        field,
        'ID_NUMBER_LENGTH',
        `${field}: số CMND có 9 hoặc 12 chữ số (đã nhập ${digits.length}).`,
        `${field}: a CMND number has 9 or 12 digits (got ${digits.length}).`,
      );
    }
    return pass({ documentType, idNumber: digits });
  }
  if (digits.length !== 12) {
    return fail(
      field,
      'ID_NUMBER_LENGTH',
      `${field}: số CCCD có đúng 12 chữ số (đã nhập ${digits.length}).`,
      `${field}: a CCCD number has exactly 12 digits (got ${digits.length}).`,
    );
  }
  const provinceCode = digits.slice(0, 3);
  const provinceName = PROVINCE_CODES[provinceCode];
  if (!provinceName) {
    return fail(
      field,
      'PROVINCE_CODE_UNKNOWN',
      `${field}: ba chữ số đầu (${provinceCode}) không phải mã tỉnh/thành trên CCCD. Kiểm tra lại số trên thẻ.`,
      `${field}: the first three digits (${provinceCode}) are not a CCCD province code. Check the number on the card.`,
    );
  }
  const genderDigit = Number(digits[3]);
  const gender: Gender = genderDigit % 2 === 0 ? 'male' : 'female';
  const birthCentury = 1900 + Math.floor(genderDigit / 2) * 100;
  const birthYearDigits = Number(digits.slice(4, 6));
  const facts: IdNumberFacts = {
    documentType,
    idNumber: digits,
    provinceCode,
    provinceName,
    gender,
    birthCentury,
    birthYearDigits,
  };
  if (options.dateOfBirth !== undefined) {
    const year = Number(options.dateOfBirth.slice(0, 4));
    if (birthCentury + birthYearDigits !== year) {
      return fail(
        field,
        'ID_NUMBER_BIRTH_YEAR_MISMATCH',
        `${field}: số CCCD mã hóa năm sinh ${birthCentury + birthYearDigits}, khác với ngày sinh ${options.dateOfBirth}. Kiểm tra lại số CCCD hoặc ngày sinh.`,
        `${field}: the CCCD number encodes birth year ${birthCentury + birthYearDigits}, not that of ${options.dateOfBirth}. Check the number or the date of birth.`,
      );
    }
  }
  if (options.gender !== undefined && options.gender !== gender) {
    return fail(
      field,
      'ID_NUMBER_GENDER_MISMATCH',
      `${field}: chữ số thứ tư của CCCD (${genderDigit}) là của ${gender === 'male' ? 'nam' : 'nữ'}, khác giới tính đã chọn.`,
      `${field}: the CCCD's fourth digit (${genderDigit}) encodes ${gender}, not the gender given.`,
    );
  }
  return pass(facts);
}

/**
 * Checks a date of birth: `YYYY-MM-DD`, a real calendar date, from 1900 on and not in the future.
 */
export function checkDateOfBirth(value: unknown, field = 'identity.dateOfBirth', now = new Date()): FieldCheck<string> {
  const bad = (reason: string) =>
    fail<string>(
      field,
      'DATE_OF_BIRTH_INVALID',
      `${field}: ngày sinh phải theo dạng YYYY-MM-DD và là một ngày có thật (${reason}).`,
      `${field}: the date of birth must be YYYY-MM-DD and a real date (${reason}).`,
    );
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return bad('format');
  const date = new Date(`${value}T00:00:00Z`);
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value) return bad('no such day');
  if (date.getUTCFullYear() < 1900) return bad('before 1900');
  if (date.getTime() > now.getTime()) return bad('in the future');
  return pass(value);
}
