/** A certificate's lifecycle code in VNPT's mobile SDK (`certificate_model.dart`), 0–11. */
export type CertificateStateCode = 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10 | 11;

/** VNPT's name for a lifecycle code, e.g. `WAITING_APPROVE`; see `CERTIFICATE_STATE` for each meaning. */
export type CertificateStateName =
  | 'VALID'
  | 'WAITING_GENERATE_KEYPAIR'
  | 'WAITING_ASSIGNED_TO_SIGNER'
  | 'WAITING_GENERATE_CERTIFICATE'
  | 'EXPIRED'
  | 'REVOKED'
  | 'SUSPENDED'
  | 'WAITING_SIGN_ACCEPTANCE'
  | 'SIGN_ACCEPTANCE_FAILED'
  | 'WAITING_SYNC_ACCEPTANCE'
  | 'SYNC_ACCEPTANCE_FAILED'
  | 'WAITING_APPROVE';

/** A lifecycle state as both code and name. */
export interface CertificateState {
  /** VNPT's numeric code, 0–11. */
  code: CertificateStateCode;
  /** VNPT's name for it, e.g. `WAITING_SIGN_ACCEPTANCE`. */
  name: CertificateStateName;
}
