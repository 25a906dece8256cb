import type { CertificateState, CertificateStateCode, CertificateStateName } from '../../model/certificate-state.js';

/**
 * A certificate's lifecycle state, with the codes and names of VNPT's mobile SDK (`certificate_model.dart`).
 * The sandbox reaches 11 → 1 → 3 → 7 → 0 during a registration, 8 when an acceptance signature does not
 * verify, and 4/5 for expired/revoked certificates; 2, 6, 9 and 10 are named for completeness.
 */
export const CERTIFICATE_STATE = {
  /** Issued, accepted and usable. */
  0: 'VALID',
  /** Approved; the key pair is being generated in the HSM. */
  1: 'WAITING_GENERATE_KEYPAIR',
  /** The key is waiting to be assigned to the signer. */
  2: 'WAITING_ASSIGNED_TO_SIGNER',
  /** The key exists; the CA is issuing the certificate. */
  3: 'WAITING_GENERATE_CERTIFICATE',
  /** Past its validity period. */
  4: 'EXPIRED',
  /** Revoked by the CA. */
  5: 'REVOKED',
  /** Suspended. */
  6: 'SUSPENDED',
  /** Issued; the holder must sign the acceptance record ("biên bản nghiệm thu") with it. */
  7: 'WAITING_SIGN_ACCEPTANCE',
  /** The acceptance record's signature was refused. */
  8: 'SIGN_ACCEPTANCE_FAILED',
  /** The signed acceptance record is being synchronised. */
  9: 'WAITING_SYNC_ACCEPTANCE',
  /** Synchronising the acceptance record failed. */
  10: 'SYNC_ACCEPTANCE_FAILED',
  /** The registration dossier waits for VNPT-CA's appraisal ("thẩm định hồ sơ"). */
  11: 'WAITING_APPROVE',
} as const satisfies Record<CertificateStateCode, CertificateStateName>;

/** The state for a code, or undefined when the code is not one of VNPT's twelve. */
export function certificateState(code: number): CertificateState | undefined {
  return code in CERTIFICATE_STATE
    ? { code: code as CertificateStateCode, name: CERTIFICATE_STATE[code as CertificateStateCode] }
    : undefined;
}
