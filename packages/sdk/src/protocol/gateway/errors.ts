import { ApiError } from '../../errors/api-error.js';
import { AuthenticationError } from '../../errors/authentication-error.js';
import { CertificateStatusError } from '../../errors/certificate-status-error.js';
import { InvalidInputError } from '../../errors/invalid-input-error.js';
import { OutOfSigningTurnsError } from '../../errors/out-of-signing-turns-error.js';
import type { SmartCAError } from '../../errors/smartca-error.js';
import { messages } from '../../internal/messages.js';
import type { HttpFailure } from '../../internal/transport.js';

/** Gateway result codes with a class of their own (V2 §5.1.1; 60003/63000 from the mobile SDK). */
const NAMES: Record<number, string> = {
  30000: 'CLIENT_INPUT_INVALID',
  50000: 'SERVAR_INTERNAL_ERROR',
  60000: 'CREDENTIAL_NOT_EXIST',
  60001: 'CREDENTIAL_NOT_MATCH_IDENTITY',
  60003: 'CREDENTIAL_STATUS_INVALID',
  62000: 'SIGNATURE_TRANSACTION_NOT_FOUND',
  62001: 'SIGNATURE_TRANSACTION_NOT_MATCH_IDENTITY',
  62010: 'SIGNATURE_DATA_REQUEST_INVALID_FORMAT',
  63000: 'SIGNER_AUTHENTICATION_FAILED',
  63002: 'CREDENTIAL_SIGN_FILE_UPLOAD_FAILED',
  64000: 'CREDENTIAL_SIGN_FILE_UNSUPPORT_FILETYPE',
  65000: 'SERVICE_PACK_EXEED_OR_INVALID',
};

/** Maps a `/csc/*` failure (the `{code, codeDesc, message}` envelope) to its error class. */
export function mapGatewayFailure(failure: HttpFailure): SmartCAError {
  const body = (failure.body ?? {}) as { code?: unknown; codeDesc?: unknown; message?: unknown };
  const wireCode = Number(body.code) || undefined;
  const name =
    (typeof body.codeDesc === 'string' && body.codeDesc) || (wireCode && NAMES[wireCode]) || `HTTP_${failure.status}`;
  const detail = typeof body.message === 'string' ? body.message : '';
  const base = { status: failure.status, wireCode, requestId: failure.requestId };
  if (wireCode === 65000) return new OutOfSigningTurnsError({ ...base, code: name, message: messages.outOfTurns });
  if (wireCode === 60003)
    return new CertificateStatusError({ ...base, code: name, message: messages.certificateStatus });
  if (failure.status === 401 || wireCode === 63000) {
    return new AuthenticationError({ ...base, code: name, message: messages.oauthRefused(detail || name) });
  }
  const invalidFields = validationFields(failure.body);
  if (wireCode === undefined && failure.status === 400 && invalidFields) {
    // ASP.NET's validation answer, `{ status, errors: { field: [message] } }`, which VNPT's demo app handles.
    return new InvalidInputError({
      ...base,
      code: 'CLIENT_INPUT_INVALID',
      message: {
        vi: `SmartCA từ chối dữ liệu gửi lên (${invalidFields}).`,
        en: `SmartCA refused the request data (${invalidFields}).`,
      },
    });
  }
  if (wireCode === 60000 || wireCode === 60001) {
    // V2's examples: `no_credential_match_id_<id>`, `Credential not match user`: the id the partner sent is wrong.
    return new InvalidInputError({
      ...base,
      field: 'credentialId',
      code: name,
      message: {
        vi: `SmartCA không tìm thấy chứng thư số này của người dùng (${name}${detail ? `: ${detail}` : ''}).`,
        en: `SmartCA has no such credential for this user (${name}${detail ? `: ${detail}` : ''}).`,
      },
    });
  }
  if (wireCode === 30000 || wireCode === 62010 || wireCode === 64000) {
    return new InvalidInputError({
      ...base,
      code: name,
      message: {
        vi: `SmartCA từ chối dữ liệu gửi lên (${name}${detail ? `: ${detail}` : ''}).`,
        en: `SmartCA refused the request data (${name}${detail ? `: ${detail}` : ''}).`,
      },
    });
  }
  return new ApiError({ ...base, code: name, message: messages.apiError(name, failure.status) });
}

/** The field names of an ASP.NET validation answer (`errors: { field: [...] }`), joined, or undefined. */
function validationFields(body: unknown): string | undefined {
  const errors = (body as { errors?: unknown } | null | undefined)?.errors;
  if (typeof errors !== 'object' || errors === null || Array.isArray(errors)) return undefined;
  const fields = Object.keys(errors).slice(0, 10);
  return fields.length > 0 ? fields.join(', ') : undefined;
}

/** Maps an `/auth/token` failure (RFC 6749 `{error, error_description}`). */
export function mapOAuthFailure(failure: HttpFailure): SmartCAError {
  const body = (failure.body ?? {}) as { error?: unknown; error_description?: unknown };
  const code = typeof body.error === 'string' ? body.error : `HTTP_${failure.status}`;
  const description = typeof body.error_description === 'string' ? body.error_description : code;
  const base = { status: failure.status, requestId: failure.requestId, code };
  if (failure.status === 400 || failure.status === 401) {
    return new AuthenticationError({ ...base, message: messages.oauthRefused(description) });
  }
  return new ApiError({ ...base, message: messages.apiError(code, failure.status) });
}
