import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { IdempotencyError, InvalidInputError, SessionRefusedError, type SmartCAError } from '@smartca-kit/sdk';
import { DocumentFormatError, preparePdf } from '@smartca-kit/documents';
import { createLocalSigner } from '../support/local-signer.js';

// A person (a citizen, a bank's customer) reads `userMessages`; developers read `messages`. Where the
// developers' text names fields, formats, tokens or PDF internals, the person's must not, and must say
// what to do; the developers' text is kept whole.
const DEVELOPER_TERMS = /documents\[|digest|Idempotency|token|origin|xref|%PDF|startxref|qpdf|field|schema/i;

function assertForPeople(error: SmartCAError, developerText: RegExp): void {
  assert.match(error.messages.en, developerText, 'the developers keep the exact cause');
  assert.notDeepEqual(error.userMessages, error.messages);
  for (const text of [error.userMessages.vi, error.userMessages.en]) assert.doesNotMatch(text, DEVELOPER_TERMS, text);
  assert.match(error.userMessages.vi, /tải lại trang|thử lại|chọn/, 'says what to do');
  assert.equal(error.localizedMessage('vi', 'user'), error.userMessages.vi);
}

describe("errors: a message for the person beside the developers' one", () => {
  it('InvalidInputError: the page sent something wrong; reload, then ask the portal', () => {
    assertForPeople(
      new InvalidInputError({
        field: 'documents[3].digest',
        message: {
          vi: 'documents[3].digest phải là 32 byte SHA-256.',
          en: 'documents[3].digest must be a 32-byte SHA-256 digest.',
        },
      }),
      /documents\[3\]\.digest/,
    );
  });

  it('SessionRefusedError out of bounds: reload; a bad or expired token keeps its own, already plain, text', () => {
    assertForPeople(
      new SessionRefusedError({
        code: 'ORIGIN_NOT_ALLOWED',
        status: 403,
        message: {
          vi: 'Phiên ký không được phép dùng trên trang này (origin).',
          en: 'The session may not be used from this origin.',
        },
      }),
      /origin/,
    );
    const expired = new SessionRefusedError({
      code: 'TOKEN_EXPIRED',
      status: 401,
      message: {
        vi: 'Phiên ký đã hết hạn. Vui lòng tải lại trang để bắt đầu lại.',
        en: 'The signing session has expired. Reload the page.',
      },
    });
    assert.deepEqual(expired.userMessages, expired.messages);
  });

  it('IdempotencyError: a request in progress says wait; a reused key says reload', () => {
    const busy = new IdempotencyError({
      code: 'IDEMPOTENCY_REQUEST_IN_PROGRESS',
      status: 409,
      message: {
        vi: 'Idempotency-Key đang được dùng.',
        en: 'A request with this Idempotency-Key is in progress.',
      },
    });
    assertForPeople(busy, /Idempotency-Key/);
    assert.match(busy.userMessages.vi, /đợi/);
    assertForPeople(
      new IdempotencyError({
        code: 'IDEMPOTENCY_KEY_REUSED',
        status: 409,
        message: {
          vi: 'Idempotency-Key đã dùng cho yêu cầu khác.',
          en: 'The Idempotency-Key was used for another request.',
        },
      }),
      /Idempotency-Key/,
    );
  });

  it('a file that is not a PDF: "Tệp đã chọn không phải tệp PDF", without the parser\'s words', async () => {
    const signer = await createLocalSigner();
    const error = await preparePdf(new TextEncoder().encode('hello, not a pdf'), signer).then(
      () => undefined,
      (e: unknown) => e,
    );
    assert.ok(error instanceof DocumentFormatError, String(error));
    assertForPeople(error, /%PDF-/);
    assert.match(error.userMessages.vi, /^Tệp đã chọn không phải tệp PDF/);
  });
});
