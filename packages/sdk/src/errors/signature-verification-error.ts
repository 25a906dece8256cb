import { SmartCAError, type BilingualMessage, type SmartCAErrorInit } from './smartca-error.js';

/** Why a returned signature or its certificate was refused. */
export type VerificationFailure =
  | 'signature-mismatch'
  | 'signature-malformed'
  | 'certificate-not-yet-valid'
  | 'certificate-expired'
  | 'key-usage'
  | 'untrusted-chain'
  | 'unsupported-key';

/**
 * A signature SmartCA returned did not verify, or its certificate failed the checks (validity period,
 * key usage, chain to the configured roots). The SDK checks every signature before handing it out, so
 * a wrong signature never reaches a document. `reason` says which check failed, `docId` which document.
 *
 * @example
 * ```ts
 * catch (error) {
 *   if (error instanceof SignatureVerificationError) alertSecurityTeam(error.reason, error.docId);
 * }
 * ```
 */
export class SignatureVerificationError extends SmartCAError {
  static override readonly brand: string = 'SignatureVerificationError';

  /** What the person reads: the developer text names the API's workings. */
  protected static override userMessageFor(): BilingualMessage {
    return {
      vi: 'Không kiểm tra được chữ ký SmartCA trả về, nên tài liệu chưa được ký. Vui lòng ký lại.',
      en: 'The signature SmartCA returned could not be verified, so the document is not signed. Please sign again.',
    };
  }

  /** Which check failed. */
  readonly reason: VerificationFailure;
  /** The document whose signature failed, when the failure is per document. */
  readonly docId: string | undefined;

  constructor(init: Omit<SmartCAErrorInit, 'code'> & { reason: VerificationFailure; docId?: string }) {
    super({ ...init, code: 'SIGNATURE_VERIFICATION_FAILED' });
    this.reason = init.reason;
    this.docId = init.docId;
  }
}
