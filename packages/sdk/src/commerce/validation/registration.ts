import type { RegistrationParams } from '../../model/commerce.js';
import { checkDateOfBirth, checkIdNumber, type IdNumberFacts } from './citizen-id.js';
import { checkAddress, checkEmail, checkMobileNumber } from './contact.js';
import { fail, orThrow, pass, type FieldCheck } from './field-check.js';
import { checkFullName, type FullNameCheck } from './full-name.js';

/** A registration whose every field passed: values normalised as they will be sent. */
export interface CheckedRegistration {
  /** The ID number and what a CCCD encodes. */
  id: IdNumberFacts;
  /** The name (NFC) and its tone-mark alternatives. */
  name: FullNameCheck;
  /** `YYYY-MM-DD`, when given. */
  dateOfBirth: string | undefined;
  /** The email, domain lower-cased. */
  email: string;
  /** The mobile number, national form. */
  phone: string;
  /** The contact address (NFC). */
  address: string;
  /** The package's code. */
  pricingCode: string;
  /** The device's id. */
  deviceId: string;
}

/** A registration's fields, flat: the SDK's nested parameters and the wire body both map onto it. */
export interface RegistrationFields {
  /** CCCD or CMND. */
  documentType: unknown;
  /** The ID number. */
  idNumber: unknown;
  /** The full name. */
  fullName: unknown;
  /** `YYYY-MM-DD`, optional. */
  dateOfBirth: unknown;
  /** `male` or `female`, optional. */
  gender: unknown;
  /** Contact email. */
  email: unknown;
  /** Contact mobile number. */
  phone: unknown;
  /** Contact address. */
  address: unknown;
  /** The certificate package. */
  pricingCode: unknown;
  /** The device. */
  deviceId: unknown;
}

/** How errors name each field: the SDK's parameter paths by default; the sandbox passes its wire names. */
export const REGISTRATION_FIELD_NAMES: Readonly<Record<keyof RegistrationFields, string>> = {
  documentType: 'identity.documentType',
  idNumber: 'identity.idNumber',
  fullName: 'identity.fullName',
  dateOfBirth: 'identity.dateOfBirth',
  gender: 'identity.gender',
  email: 'contact.email',
  phone: 'contact.phone',
  address: 'contact.address',
  pricingCode: 'pricingCode',
  deviceId: 'deviceId',
};

/**
 * Checks every field of a registration, in the order the form asks for them, and stops at the first
 * that fails. Accepts anything (it is also the sandbox's first line of defence) and never throws.
 */
export function checkRegistrationFields(
  input: Partial<RegistrationFields>,
  names: Readonly<Record<keyof RegistrationFields, string>> = REGISTRATION_FIELD_NAMES,
): FieldCheck<CheckedRegistration> {
  let dateOfBirth: string | undefined;
  if (input.dateOfBirth !== undefined && input.dateOfBirth !== null) {
    const dob = checkDateOfBirth(input.dateOfBirth, names.dateOfBirth);
    if (!dob.ok) return dob;
    dateOfBirth = dob.value;
  }
  const gender = input.gender ?? undefined;
  if (gender !== undefined && gender !== 'male' && gender !== 'female') {
    return fail(
      names.gender,
      'GENDER_INVALID',
      `${names.gender}: giới tính là "male" hoặc "female".`,
      `${names.gender} must be "male" or "female".`,
    );
  }
  const id = checkIdNumber(input.documentType, input.idNumber, {
    dateOfBirth,
    gender,
    typeField: names.documentType,
    numberField: names.idNumber,
  });
  if (!id.ok) return id;
  const name = checkFullName(input.fullName, names.fullName);
  if (!name.ok) return name;
  const email = checkEmail(input.email, names.email);
  if (!email.ok) return email;
  const phone = checkMobileNumber(input.phone, names.phone);
  if (!phone.ok) return phone;
  const address = checkAddress(input.address, names.address);
  if (!address.ok) return address;
  const pricingCode = checkCode(input.pricingCode, names.pricingCode, 'mã gói cước');
  if (!pricingCode.ok) return pricingCode;
  const deviceId = checkCode(input.deviceId, names.deviceId, 'mã thiết bị');
  if (!deviceId.ok) return deviceId;
  return pass({
    id: id.value,
    name: name.value,
    dateOfBirth,
    email: email.value,
    phone: phone.value,
    address: address.value,
    pricingCode: pricingCode.value,
    deviceId: deviceId.value,
  });
}

/** {@link checkRegistrationFields} over the SDK's nested {@link RegistrationParams}. Never throws. */
export function checkRegistration(input: unknown): FieldCheck<CheckedRegistration> {
  const params = (input && typeof input === 'object' ? input : {}) as Partial<
    Record<keyof RegistrationParams, unknown>
  >;
  const identity = (params.identity && typeof params.identity === 'object' ? params.identity : {}) as Record<
    string,
    unknown
  >;
  const contact = (params.contact && typeof params.contact === 'object' ? params.contact : {}) as Record<
    string,
    unknown
  >;
  return checkRegistrationFields({
    documentType: identity.documentType,
    idNumber: identity.idNumber,
    fullName: identity.fullName,
    dateOfBirth: identity.dateOfBirth,
    gender: identity.gender,
    email: contact.email,
    phone: contact.phone,
    address: contact.address,
    pricingCode: params.pricingCode,
    deviceId: params.deviceId,
  });
}

/** {@link checkRegistration}, throwing an `InvalidInputError` that names the first bad field. */
export function validateRegistration(input: unknown): CheckedRegistration {
  return orThrow(checkRegistration(input));
}

/** A short identifier: 1 to 64 visible ASCII characters. */
export function checkCode(value: unknown, field: string, what: string): FieldCheck<string> {
  if (typeof value !== 'string' || !/^[\x21-\x7e]{1,64}$/.test(value)) {
    return fail(
      field,
      'CODE_INVALID',
      `${field}: ${what} phải là 1–64 ký tự ASCII, không có khoảng trắng.`,
      `${field} must be 1 to 64 visible ASCII characters.`,
    );
  }
  return pass(value);
}

/** A verification code: 6 digits. */
export function checkVerificationCode(value: unknown, field: string): FieldCheck<string> {
  if (typeof value !== 'string' || !/^\d{6}$/.test(value)) {
    return fail(field, 'CODE_FORMAT', `${field}: mã gồm đúng 6 chữ số.`, `${field} must be exactly 6 digits.`);
  }
  return pass(value);
}

/** A SmartCA password chosen at activation: 8 to 64 characters with a letter and a digit. */
export function checkNewPassword(value: unknown, field = 'password'): FieldCheck<string> {
  if (
    typeof value !== 'string' ||
    value.length < 8 ||
    value.length > 64 ||
    !/\p{L}/u.test(value) ||
    !/\d/.test(value)
  ) {
    return fail(
      field,
      'PASSWORD_WEAK',
      `${field}: mật khẩu dài 8–64 ký tự, có cả chữ và số.`,
      `${field}: the password must be 8 to 64 characters with a letter and a digit.`,
    );
  }
  return pass(value);
}
