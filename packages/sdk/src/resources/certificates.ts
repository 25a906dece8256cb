import type { ServiceType, SmartCACertificate } from '../certificates/certificate.js';
import { selectCertificate, type CertificateCriteria } from '../certificates/select.js';
import type { ClientContext } from './client-context.js';
import type { RequestOptions } from '../model/transaction.js';

/** Arguments of {@link CertificatesResource.list}. */
export interface ListCertificatesParams extends RequestOptions {
  /** The subscriber: CCCD, CMND, passport number or tax code. */
  userId: string;
  /** Ask SmartCA for one certificate only. */
  serialNumber?: string | undefined;
}

/** Arguments of {@link CertificatesResource.select}. */
export interface SelectCertificateParams extends ListCertificatesParams, Omit<CertificateCriteria, 'serialNumber'> {}

/** How a signing call names its certificate. See {@link CertificatesResource.signer}. */
export interface SignerParams extends RequestOptions {
  /** The subscriber who approves: CCCD, CMND, passport number or tax code. */
  userId: string;
  /** The certificate itself, when already fetched: skips the certificate lookup. */
  certificate?: SmartCACertificate | undefined;
  /** Choose by serial number. */
  serialNumber?: string | undefined;
  /**
   * Choose by service type. Without it (and without a serial number) the personal certificate is
   * chosen: any that is not an `ESEAL`, since SmartCA TH's listing carries no `service_type` at all.
   */
  serviceType?: ServiceType | undefined;
}

/**
 * A user's certificates over SP769 (`v1/credentials/get_certificate`).
 *
 * @example
 * ```ts
 * const certs = await smartca.certificates.list({ userId: '001099000001' });
 * const personal = await smartca.certificates.select({ userId: '079200000005', serviceType: 'SMARTCA' });
 * ```
 */
export class CertificatesResource {
  readonly #ctx: ClientContext;

  constructor(ctx: ClientContext) {
    this.#ctx = ctx;
  }

  /** Every certificate SmartCA holds for the user (personal SMARTCA and ESEAL alike), parsed from DER. */
  list(params: ListCertificatesParams): Promise<SmartCACertificate[]> {
    return this.#ctx.sp769().getCertificates(params.userId, params.serialNumber, params);
  }

  /**
   * The certificate a signing call uses: `certificate` when given (no request), else the one with
   * `serialNumber`, else the one of `serviceType`, else the personal one (see {@link SignerParams.serviceType}).
   */
  async signer(params: SignerParams): Promise<SmartCACertificate> {
    if (params.certificate) return params.certificate;
    const certificates = await this.list({
      userId: params.userId,
      signal: params.signal,
      timeout: params.timeout,
      maxRetries: params.maxRetries,
    });
    if (params.serialNumber || params.serviceType) return selectCertificate(certificates, params);
    return selectCertificate(certificates, { excludeServiceType: 'ESEAL' });
  }

  /**
   * Exactly one certificate: by serial number, or by service type, preferring one valid now. See
   * {@link selectCertificate} for the rules.
   */
  async select(params: SelectCertificateParams): Promise<SmartCACertificate> {
    const certificates = await this.list({ ...params, serialNumber: undefined });
    return selectCertificate(certificates, params);
  }
}
