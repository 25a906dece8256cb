import { ApiError } from '../../errors/api-error.js';
import { AuthenticationError } from '../../errors/authentication-error.js';
import { CertificateStatusError } from '../../errors/certificate-status-error.js';
import { InvalidInputError } from '../../errors/invalid-input-error.js';
import { OutOfSigningTurnsError } from '../../errors/out-of-signing-turns-error.js';
import type { SmartCAError } from '../../errors/smartca-error.js';
import { messages } from '../../internal/messages.js';
import type { HttpFailure } from '../../internal/transport.js';

/**
 * Maps an SP769 failure to its error class. SP769 mirrors `status_code` in the HTTP status and puts
 * VNPT's name in `message` (V1 §3.1): 400 BAD_REQUEST, 401 SP_CREDENTIAL_INVALID, 403
 * CREDENTIAL_STATUS_INVALID, 500 SERVAR_INTERNAL_ERROR (sic). Out of turns is recognised by VNPT's
 * gateway name SERVICE_PACK_EXEED_OR_INVALID or its code 65000 wherever it appears.
 */
export function mapSp769Failure(failure: HttpFailure): SmartCAError {
  const body = (failure.body ?? {}) as { status_code?: unknown; message?: unknown };
  const wireCode = Number(body.status_code) || failure.status;
  const name = typeof body.message === 'string' && body.message ? body.message : `HTTP_${failure.status}`;
  const base = { status: failure.status, wireCode, requestId: failure.requestId };
  if (/SERVICE_PACK_EXEED_OR_INVALID|65000/i.test(name)) {
    return new OutOfSigningTurnsError({ ...base, code: 'SERVICE_PACK_EXEED_OR_INVALID', message: messages.outOfTurns });
  }
  switch (wireCode) {
    case 401:
      // TH answers 401 for the subscriber's password or OTP too; the name in `message` tells which. VNPT
      // also writes free text there ("sp_id or sp_password invalid"), which names the partner's secret.
      return !/sp_id|sp_password|SP_CREDENTIAL/i.test(name) && /OTP|PASSWORD/i.test(name)
        ? new AuthenticationError({ ...base, code: name, message: messages.userCredentialInvalid })
        : new AuthenticationError({ ...base, code: 'SP_CREDENTIAL_INVALID', message: messages.spCredentialInvalid });
    case 403:
      return new CertificateStatusError({
        ...base,
        code: 'CREDENTIAL_STATUS_INVALID',
        message: messages.certificateStatus,
      });
    case 400:
      return new InvalidInputError({
        ...base,
        code: /^[A-Z][A-Z0-9_]+$/.test(name) ? name : 'BAD_REQUEST',
        message: {
          vi: `SmartCA từ chối yêu cầu vì dữ liệu không hợp lệ (${name}).`,
          en: `SmartCA refused the request as malformed (${name}).`,
        },
      });
    default:
      return new ApiError({ ...base, code: name, message: messages.apiError(name, failure.status) });
  }
}
