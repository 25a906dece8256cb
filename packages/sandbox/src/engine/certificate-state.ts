import { CERTIFICATE_STATE, type CertificateStateCode, type CertificateStateName } from '@smartca-kit/sdk';
import type { CertificateRecord } from '../state/types.js';

/**
 * A certificate's lifecycle code (VNPT's mobile SDK, 0–11): the stored state during registration and
 * acceptance, otherwise 5 REVOKED, 4 EXPIRED or 0 VALID from the certificate itself.
 */
export function certificateStatusCode(cert: CertificateRecord, now: number): CertificateStateCode {
  if (cert.revoked) return 5;
  if (now > cert.validTo) return 4;
  return (cert.lifecycle ?? 0) as CertificateStateCode;
}

/**
 * The same state by name (`VALID`, `EXPIRED`, `REVOKED`, `WAITING_SIGN_ACCEPTANCE`, ...): the gateway's
 * `cert.status` and SP769's `cert_status_code`, the machine code VNPT sends beside the Vietnamese text.
 */
export function certificateStatusName(cert: CertificateRecord, now: number): CertificateStateName {
  return CERTIFICATE_STATE[certificateStatusCode(cert, now)];
}
