import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  checkEkycImage,
  checkEmail,
  checkFullName,
  checkIdNumber,
  checkMobileNumber,
  InvalidInputError,
  inspectImage,
  validateRegistration,
  type FieldCheck,
} from '@smartca-kit/sdk';
import { jpegHeader, png } from '../support/images.js';
import { newPerson } from '../support/commerce.js';

const reasonOf = (check: FieldCheck<unknown>) => (check.ok ? 'ok' : check.reason);

describe('identity validators', () => {
  const ids: Array<[string, unknown, unknown, { dateOfBirth?: string; gender?: 'male' | 'female' }, string]> = [
    ['a seeded CCCD (Hà Nội, man, 1999)', 'CCCD', '001099000001', { dateOfBirth: '1999-01-01', gender: 'male' }, 'ok'],
    ['a CCCD of a woman born in 2000s', 'CCCD', '079304123456', { dateOfBirth: '2004-07-30', gender: 'female' }, 'ok'],
    ['spaces between groups', 'CCCD', '001 099 000001', {}, 'ok'],
    ['11 digits', 'CCCD', '00109900000', {}, 'ID_NUMBER_LENGTH'],
    ['a letter', 'CCCD', '00109900000A', {}, 'ID_NUMBER_NOT_DIGITS'],
    ['province 003 does not exist', 'CCCD', '003099000001', {}, 'PROVINCE_CODE_UNKNOWN'],
    ['province 099 does not exist', 'CCCD', '099099000001', {}, 'PROVINCE_CODE_UNKNOWN'],
    [
      'birth year digits against the date of birth',
      'CCCD',
      '001099000001',
      { dateOfBirth: '1998-01-01' },
      'ID_NUMBER_BIRTH_YEAR_MISMATCH',
    ],
    [
      'century digit: 0 is the 1900s, not 2099',
      'CCCD',
      '001099000001',
      { dateOfBirth: '2099-01-01' },
      'ID_NUMBER_BIRTH_YEAR_MISMATCH',
    ],
    ['gender digit: 0 is a man', 'CCCD', '001099000001', { gender: 'female' }, 'ID_NUMBER_GENDER_MISMATCH'],
    ['a 9-digit CMND', 'CMND', '012345678', {}, 'ok'],
    ['a 12-digit CMND', 'CMND', '012345678901', {}, 'ok'],
    ['a 10-digit CMND', 'CMND', '0123456789', {}, 'ID_NUMBER_LENGTH'],
    ['a passport is not accepted', 'PASSPORT', 'B1234567', {}, 'DOCUMENT_TYPE_INVALID'],
    ['no number', 'CCCD', '', {}, 'ID_NUMBER_REQUIRED'],
  ];
  for (const [name, type, number, options, reason] of ids) {
    it(`${name} → ${reason}`, () => assert.equal(reasonOf(checkIdNumber(type, number, options)), reason));
  }

  it('a CCCD says where and when its holder was born', () => {
    const check = checkIdNumber('CCCD', '048195000004');
    assert.ok(check.ok);
    assert.deepEqual(
      [
        check.value.provinceName,
        check.value.gender,
        (check.value.birthCentury ?? 0) + (check.value.birthYearDigits ?? 0),
      ],
      ['Đà Nẵng', 'female', 1995],
    );
  });

  const names: Array<[string, string, string, Array<[string, string]>]> = [
    ['new-style Hoà', 'Nguyễn Văn Hoà', 'ok', [['Hoà', 'Hòa']]],
    ['old-style Hòa', 'Nguyễn Văn Hòa', 'ok', [['Hòa', 'Hoà']]],
    ['Thuỷ / Thủy', 'Lê Thị Thuỷ', 'ok', [['Thuỷ', 'Thủy']]],
    ['Khoẻ', 'Trần Khoẻ', 'ok', [['Khoẻ', 'Khỏe']]],
    ['Hoàng has a final consonant: nothing to ask', 'Lê Hoàng Cường', 'ok', []],
    ['Quý: the u belongs to qu', 'Phạm Quý', 'ok', []],
    ['a name without marks', 'Nguyen Van An', 'ok', []],
    ['digits', 'Nguyễn Văn 2', 'FULL_NAME_CHARACTERS', []],
    ['a symbol', 'Nguyễn <b>An</b>', 'FULL_NAME_CHARACTERS', []],
    ['empty', '   ', 'FULL_NAME_REQUIRED', []],
  ];
  for (const [name, input, reason, alternatives] of names) {
    it(`name: ${name}`, () => {
      const check = checkFullName(input);
      assert.equal(reasonOf(check), reason);
      if (check.ok)
        assert.deepEqual(
          check.value.toneMarkAlternatives.map((a) => [a.typed, a.alternative]),
          alternatives,
        );
    });
  }

  it('a decomposed (NFD) name is stored as NFC, marks exactly where typed', () => {
    const check = checkFullName('Nguyễn   Văn Hoà'.normalize('NFD'));
    assert.ok(check.ok);
    assert.equal(check.value.fullName, 'Nguyễn Văn Hoà'.normalize('NFC'));
    assert.notEqual(check.value.fullName, 'Nguyễn Văn Hòa');
  });

  const phones: Array<[string, string]> = [
    ['0912345678', '0912345678'],
    ['+84 912 345 678', '0912345678'],
    ['0387.654.321', '0387654321'],
    ['0512345678', '0512345678'],
    ['0712345678', '0712345678'],
    ['0812345678', '0812345678'],
    ['0212345678', 'PHONE_INVALID'],
    ['091234567', 'PHONE_INVALID'],
    ['84912345678', 'PHONE_INVALID'],
    ['', 'PHONE_REQUIRED'],
  ];
  for (const [input, expected] of phones) {
    it(`phone "${input}" → ${expected}`, () => {
      const check = checkMobileNumber(input);
      assert.equal(check.ok ? check.value : check.reason, expected);
    });
  }

  const emails: Array<[string, string]> = [
    ['an@example.vn', 'an@example.vn'],
    [' An.Nguyen@Example.VN ', 'An.Nguyen@example.vn'],
    ['a@b', 'EMAIL_INVALID'],
    ['a b@example.vn', 'EMAIL_INVALID'],
    ['a..b@example.vn', 'EMAIL_INVALID'],
    ['@example.vn', 'EMAIL_INVALID'],
    ['', 'EMAIL_REQUIRED'],
  ];
  for (const [input, expected] of emails) {
    it(`email "${input}" → ${expected}`, () => {
      const check = checkEmail(input);
      assert.equal(check.ok ? check.value : check.reason, expected);
    });
  }

  it('validateRegistration throws an InvalidInputError naming the first bad field, in both languages', () => {
    const person = newPerson();
    person.contact.phone = '12345';
    assert.throws(
      () => validateRegistration(person),
      (e: unknown) =>
        e instanceof InvalidInputError &&
        e.field === 'contact.phone' &&
        e.code === 'PHONE_INVALID' &&
        /contact\.phone/.test(e.messages.vi) &&
        /contact\.phone/.test(e.message),
    );
  });
});

describe('eKYC image checks read the bytes, not the name', () => {
  const cases: Array<[string, Uint8Array, 'front' | 'face', string]> = [
    ['a landscape PNG card side', png(640, 400), 'front', 'ok'],
    ['a JPEG card side', jpegHeader(1200, 760), 'front', 'ok'],
    ['a portrait card side', png(760, 900), 'front', 'CARD_NOT_LANDSCAPE'],
    ['a tiny card side', png(300, 200), 'front', 'IMAGE_TOO_SMALL'],
    ['a tiny face', png(100, 100), 'face', 'IMAGE_TOO_SMALL'],
    ['a PDF renamed .jpg', new TextEncoder().encode('%PDF-1.7\n...'), 'front', 'IMAGE_NOT_JPEG_OR_PNG'],
    ['a GIF', new TextEncoder().encode('GIF89a\x01\x00\x01\x00'), 'face', 'IMAGE_NOT_JPEG_OR_PNG'],
    ['an empty file', new Uint8Array(), 'face', 'IMAGE_EMPTY'],
    ['a PNG cut short', png(640, 400).slice(0, 60), 'front', 'IMAGE_TRUNCATED'],
    ['a JPEG cut short', jpegHeader(1200, 760).slice(0, 30), 'front', 'IMAGE_TRUNCATED'],
    [
      'a PNG with a damaged header',
      (() => {
        const p = png(640, 400);
        p[18] = (p[18] ?? 0) ^ 0xff;
        return p;
      })(),
      'front',
      'IMAGE_CORRUPT',
    ],
    ['over 2 MiB', new Uint8Array(2 * 1024 * 1024 + 1), 'face', 'IMAGE_TOO_LARGE'],
  ];
  for (const [name, bytes, role, reason] of cases) {
    it(`${name} → ${reason}`, () => assert.equal(reasonOf(checkEkycImage(bytes, role, role)), reason));
  }

  it('reports format and dimensions', () => {
    const info = inspectImage(jpegHeader(1200, 760));
    assert.deepEqual(info.ok && [info.value.format, info.value.width, info.value.height], ['jpeg', 1200, 760]);
  });
});
