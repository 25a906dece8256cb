import type { CertificateRecord } from '../state/types.js';

/**
 * A certificate's lifecycle code (VNPT's mobile SDK, 0–11): the stored state during registration and
 * acceptance, otherwise 5 REVOKED, 4 EXPIRED or 0 VALID from the certificate itself.
 */
export function certificateStatusCode(cert: CertificateRecord, now: number): number {
  if (cert.revoked) return 5;
  if (now > cert.validTo) return 4;
  return cert.lifecycle ?? 0;
}
