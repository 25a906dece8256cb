import { ApiError } from '../../errors/api-error.js';
import { AuthenticationError } from '../../errors/authentication-error.js';
import { CertificateStatusError } from '../../errors/certificate-status-error.js';
import { EkycRejectedError } from '../../errors/ekyc-rejected-error.js';
import { IdempotencyError } from '../../errors/idempotency-error.js';
import { InvalidInputError } from '../../errors/invalid-input-error.js';
import { PaymentError } from '../../errors/payment-error.js';
import { RegistrationRefusedError } from '../../errors/registration-refused-error.js';
import type { BilingualMessage, SmartCAError } from '../../errors/smartca-error.js';
import { VerificationCodeError } from '../../errors/verification-code-error.js';
import { messages } from '../../internal/messages.js';
import type { HttpFailure } from '../../internal/transport.js';
import { COMMERCE_CODES } from './codes.js';
import { wireErrorContent } from './schemas.js';

const NAMES = Object.fromEntries(Object.entries(COMMERCE_CODES).map(([name, code]) => [code, name])) as Record<
  number,
  string
>;

// Wire field names onto the SDK's parameter names, so an error names what the caller passed.
const FIELDS: Record<string, string> = {
  uidPre: 'identity.documentType',
  uid: 'userId',
  fullName: 'identity.fullName',
  birthDay: 'identity.dateOfBirth',
  gender: 'identity.gender',
  email: 'contact.email',
  phone: 'contact.phone',
  address: 'contact.address',
  frontImage: 'front',
  backImage: 'back',
  faceImage: 'face',
  otp: 'otp',
  activationCode: 'code',
  serialNumber: 'serialNumber',
  paymentMethod: 'paymentMethod',
  returnUrl: 'returnUrl',
};

/** Maps a commerce error envelope (`{code, codeDesc, message, content}`) to its error class. */
export function mapCommerceFailure(failure: HttpFailure): SmartCAError {
  const body = (failure.body ?? {}) as { code?: unknown; codeDesc?: unknown; message?: unknown; content?: unknown };
  const wireCode = Number(body.code) || undefined;
  const code =
    (typeof body.codeDesc === 'string' && body.codeDesc) || (wireCode && NAMES[wireCode]) || `HTTP_${failure.status}`;
  const parsed = wireErrorContent.safeParse(body.content);
  const content = parsed.success ? (parsed.data ?? undefined) : undefined;
  const detail = typeof body.message === 'string' ? body.message : code;
  const message: BilingualMessage = content?.messages ?? messages.apiError(`${code}: ${detail}`, failure.status);
  const field = content?.field ? (FIELDS[content.field] ?? content.field) : undefined;
  const base = { status: failure.status, wireCode, requestId: failure.requestId, code, message };
  switch (wireCode) {
    case COMMERCE_CODES.SIGNER_AUTHENTICATION_FAILED:
      return new AuthenticationError({ ...base, message: messages.oauthRefused(detail) });
    case COMMERCE_CODES.CLIENT_INPUT_INVALID:
    case COMMERCE_CODES.IDEMPOTENCY_KEY_REQUIRED:
    case COMMERCE_CODES.PRICING_NOT_FOUND:
    case COMMERCE_CODES.PRICING_NOT_APPLICABLE:
    case COMMERCE_CODES.CREDENTIAL_NOT_EXIST:
    case COMMERCE_CODES.CREDENTIAL_NOT_MATCH_IDENTITY:
      return new InvalidInputError({ ...base, field: field ?? (wireCode >= 65100 ? 'pricingCode' : undefined) });
    // An id the caller passed that names nothing: the request must change (the relay answers 400, not 502).
    case COMMERCE_CODES.ORDER_NOT_FOUND:
      return new InvalidInputError({ ...base, field: field ?? 'orderId' });
    case COMMERCE_CODES.REGISTRATION_NOT_FOUND:
      return new InvalidInputError({ ...base, field: field ?? 'registrationId' });
    case COMMERCE_CODES.CREDENTIAL_STATUS_INVALID:
      return new CertificateStatusError(base);
    case COMMERCE_CODES.IDEMPOTENCY_KEY_REUSED:
      return new IdempotencyError(base);
    case COMMERCE_CODES.PERSON_ALREADY_REGISTERED:
    case COMMERCE_CODES.DEVICE_ALREADY_ACTIVE:
    case COMMERCE_CODES.REGISTRATION_IN_PROGRESS:
      return new RegistrationRefusedError(base);
    case COMMERCE_CODES.VERIFICATION_CODE_INVALID:
    case COMMERCE_CODES.VERIFICATION_LOCKED:
      return new VerificationCodeError({
        ...base,
        attemptsLeft: content?.attemptsLeft ?? undefined,
        lockedUntil: content?.lockedUntil ? new Date(content.lockedUntil) : undefined,
      });
    case COMMERCE_CODES.EKYC_IMAGE_INVALID:
    case COMMERCE_CODES.EKYC_MISMATCH:
      return new EkycRejectedError({ ...base, field, reason: content?.reason ?? code });
    case COMMERCE_CODES.ORDER_NOT_PAYABLE:
      return new PaymentError({ ...base, orderStatus: content?.orderStatus?.toLowerCase() ?? undefined });
    default:
      if (failure.status === 401) return new AuthenticationError({ ...base, message: messages.oauthRefused(detail) });
      return new ApiError(base);
  }
}
