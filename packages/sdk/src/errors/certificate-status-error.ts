import { SmartCAError, type BilingualMessage } from './smartca-error.js';

/**
 * The user's certificate cannot sign: it is expired, revoked or suspended (SP769 403
 * `CREDENTIAL_STATUS_INVALID`, gateway 60003). The user must renew the certificate.
 *
 * @example
 * ```ts
 * catch (error) {
 *   if (error instanceof CertificateStatusError) tellUserToRenew();
 * }
 * ```
 */
export class CertificateStatusError extends SmartCAError {
  static override readonly brand: string = 'CertificateStatusError';

  /** What the person reads: the developer text names the API's workings. */
  protected static override userMessageFor(): BilingualMessage {
    // VNPT's hotline, as its guides print it.
    return {
      vi:
        'Chứng thư số SmartCA của bạn đã hết hạn, bị thu hồi hoặc đang tạm dừng, nên không ký được. ' +
        'Gia hạn chứng thư số trên ứng dụng VNPT SmartCA, hoặc gọi tổng đài VNPT 1800 1260.',
      en:
        'Your SmartCA certificate has expired, been revoked or been suspended, so it cannot sign. ' +
        'Renew it in the VNPT SmartCA app, or call VNPT on 1800 1260.',
    };
  }
}
