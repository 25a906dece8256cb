import { SmartCAError } from './smartca-error.js';

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
}
