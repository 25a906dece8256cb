import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import {
  checkAddress,
  checkEkycImage,
  checkEmail,
  checkFullName,
  checkIdNumber,
  checkMobileNumber,
  InvalidInputError,
  inspectImage,
  PROVINCE_CODES,
  validateRegistration,
  type FieldCheck,
} from '@smartca-kit/sdk';
import { createSandbox, type Sandbox } from '@smartca-kit/sandbox';
import { SECRET } from '../support/sandbox.js';

/** A failing check must name its field in both languages; a passing one has a value. */
function wellFormed(check: FieldCheck<unknown>, field: string): boolean {
  if (check.ok) return check.value !== undefined;
  return (
    check.field === field &&
    check.message.vi.includes(field) &&
    check.message.en.includes(field) &&
    check.reason.length > 0
  );
}

const VIETNAMESE = [
  ...'aăâbcdđeêghiklmnoôơpqrstuưvxyAĂÂĐÊÔƠƯ àáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ',
];
const vietnameseText = fc.array(fc.constantFrom(...VIETNAMESE), { minLength: 1, maxLength: 40 }).map((a) => a.join(''));

describe('validators never throw, and always say which field and why (fast-check)', () => {
  it('on any input at all', () => {
    fc.assert(
      fc.property(fc.anything(), fc.anything(), (a, b) => {
        assert.ok(
          wellFormed(
            checkIdNumber(a, b),
            typeof a === 'string' && (a === 'CCCD' || a === 'CMND') ? 'identity.idNumber' : 'identity.documentType',
          ),
        );
        assert.ok(wellFormed(checkFullName(a), 'identity.fullName'));
        assert.ok(wellFormed(checkMobileNumber(a), 'contact.phone'));
        assert.ok(wellFormed(checkEmail(a), 'contact.email'));
        assert.ok(wellFormed(checkAddress(a), 'contact.address'));
      }),
      { numRuns: 500 },
    );
  });

  it('on any bytes as an image', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 600 }),
        fc.constantFrom('front', 'back', 'face' as const),
        (bytes, role) => {
          assert.ok(wellFormed(inspectImage(bytes, role), role));
          assert.ok(wellFormed(checkEkycImage(bytes, role, role), role));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('validateRegistration throws nothing but InvalidInputError', () => {
    fc.assert(
      fc.property(fc.anything(), (input) => {
        try {
          validateRegistration(input);
        } catch (error) {
          assert.ok(error instanceof InvalidInputError, String(error));
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe('validators accept what is right, and are stable (fast-check)', () => {
  const cccd = fc.record({
    province: fc.constantFrom(...Object.keys(PROVINCE_CODES)),
    year: fc.integer({ min: 1900, max: 2025 }),
    female: fc.boolean(),
    rest: fc.integer({ min: 0, max: 999_999 }),
  });

  it('every structurally valid CCCD passes, and agrees with its own date of birth and gender', () => {
    fc.assert(
      fc.property(cccd, ({ province, year, female, rest }) => {
        const digit = Math.floor((year - 1900) / 100) * 2 + (female ? 1 : 0);
        const number = `${province}${digit}${String(year % 100).padStart(2, '0')}${String(rest).padStart(6, '0')}`;
        const check = checkIdNumber('CCCD', number, {
          dateOfBirth: `${year}-06-15`,
          gender: female ? 'female' : 'male',
        });
        assert.ok(check.ok, number);
        const wrongYear = checkIdNumber('CCCD', number, { dateOfBirth: `${year === 2025 ? 2024 : year + 1}-06-15` });
        assert.ok(!wrongYear.ok && wrongYear.reason === 'ID_NUMBER_BIRTH_YEAR_MISMATCH');
      }),
      { numRuns: 300 },
    );
  });

  it('a name is never rewritten: checking the result again changes nothing, and tone-mark alternatives swap back', () => {
    fc.assert(
      fc.property(fc.array(vietnameseText, { minLength: 1, maxLength: 5 }), (words) => {
        const first = checkFullName(words.join(' ').normalize(Math.random() < 0.5 ? 'NFD' : 'NFC'));
        if (!first.ok) return;
        const second = checkFullName(first.value.fullName);
        assert.ok(second.ok);
        assert.equal(second.value.fullName, first.value.fullName);
        for (const alt of first.value.toneMarkAlternatives) {
          const back = checkFullName(alt.alternative);
          assert.ok(back.ok);
          assert.equal(back.value.toneMarkAlternatives[0]?.alternative, alt.typed);
          assert.notEqual(back.value.toneMarkAlternatives[0]?.style, alt.style);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('every Vietnamese mobile number, in any of its spellings, normalises to one national form', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('3', '5', '7', '8', '9'),
        fc.integer({ min: 0, max: 99_999_999 }),
        fc.constantFrom('0', '+84', '+84 '),
        fc.constantFrom('', ' ', '.', '-'),
        (head, tail, prefix, sep) => {
          const digits = `${head}${String(tail).padStart(8, '0')}`;
          const spelled = `${prefix}${digits.slice(0, 2)}${sep}${digits.slice(2, 5)}${sep}${digits.slice(5)}`;
          const check = checkMobileNumber(spelled);
          assert.ok(check.ok, spelled);
          assert.equal(check.value, `0${digits}`);
          assert.deepEqual(checkMobileNumber(check.value), check);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('emails: plain addresses pass; whatever passes, passes again unchanged', () => {
    const label = fc.stringMatching(/^[a-z0-9](?:[a-z0-9-]{0,10}[a-z0-9])?$/);
    const plain = fc
      .tuple(
        fc.stringMatching(/^[A-Za-z0-9_+-]{1,20}(?:\.[A-Za-z0-9_+-]{1,10})?$/),
        label,
        fc.stringMatching(/^[a-z]{2,6}$/),
      )
      .map(([local, domain, tld]) => `${local}@${domain}.${tld}`);
    fc.assert(
      fc.property(plain, (email) => assert.ok(checkEmail(email).ok, email)),
      { numRuns: 300 },
    );
    fc.assert(
      fc.property(fc.oneof(fc.emailAddress(), fc.string()), (email) => {
        const check = checkEmail(email);
        if (check.ok) assert.deepEqual(checkEmail(check.value), check);
      }),
      { numRuns: 300 },
    );
  });
});

describe('the commerce API answers any request body with its envelope, never a crash (fast-check)', () => {
  let sandbox: Sandbox;
  let token: string;
  before(async () => {
    sandbox = await createSandbox();
    const response = await sandbox.fetch(
      new Request('http://sandbox.test/auth/token', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: `grant_type=client_credentials&client_id=sandbox-partner&client_secret=${SECRET}`,
      }),
    );
    token = ((await response.json()) as { access_token: string }).access_token;
  });
  after(() => sandbox.close());

  const paths = [
    'pricing/list',
    'balance',
    'usage',
    'orders/create',
    'orders/get',
    'registrations/create',
    'registrations/get',
    'registrations/activate',
    'registrations/activation-code/resend',
    'registrations/ekyc',
    'registrations/contract',
    'registrations/contract/sign',
    'registrations/acceptance',
    'registrations/acceptance/submit',
  ];
  const body = fc.oneof(
    fc.jsonValue().map((v) => JSON.stringify(v)),
    fc
      .dictionary(
        fc.constantFrom(
          'uid',
          'uidPre',
          'fullName',
          'pricingCode',
          'quantity',
          'paymentMethod',
          'returnUrl',
          'registrationId',
          'orderId',
          'serialNumber',
          'limit',
          'activationCode',
          'password',
          'otp',
          'frontImage',
          'backImage',
          'faceImage',
          'signature',
          'transactionId',
          'email',
          'phone',
          'address',
          'deviceId',
          'birthDay',
          'gender',
        ),
        fc.oneof(fc.jsonValue(), fc.constantFrom('001199000002', 'LK10', 'VNPTMONEY', 'https://p.example/', 'CCCD')),
      )
      .map((v) => JSON.stringify(v)),
    fc.string(),
  );

  it('status < 500 and a {code, codeDesc, message, content} body', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...paths), body, fc.uuid(), async (path, text, key) => {
        const response = await sandbox.fetch(
          new Request(`http://sandbox.test/commerce/v1/${path}`, {
            method: 'POST',
            body: text,
            headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': key },
          }),
        );
        assert.ok(response.status < 500, `${path} ${text} → ${response.status}`);
        const envelope = (await response.json()) as Record<string, unknown>;
        assert.deepEqual(Object.keys(envelope).sort(), ['code', 'codeDesc', 'content', 'message']);
        if (envelope.code !== 0) {
          const content = envelope.content as { messages?: { vi?: unknown; en?: unknown } };
          assert.ok(typeof content.messages?.vi === 'string' && typeof content.messages.en === 'string');
        }
      }),
      { numRuns: 400 },
    );
  });
});
