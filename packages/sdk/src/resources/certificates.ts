import { SmartCACertificate, type ServiceType } from '../certificates/certificate.js';
import { selectCertificate, type CertificateCriteria } from '../certificates/select.js';
import { ResponseSchemaError } from '../errors/response-schema-error.js';
import { base64ToBytes } from '../internal/bytes.js';
import type { ClientContext } from '../internal/context.js';
import { randomId } from '../internal/ids.js';
import { messages } from '../internal/messages.js';
import type { Sp769Certificate } from '../protocol/sp769/schemas.js';
import type { RequestOptions } from '../transaction/types.js';

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
  /** The subscriber. */
  userId: string;
  /** The certificate itself, when already fetched. */
  certificate?: SmartCACertificate | undefined;
  /** Choose by serial number. */
  serialNumber?: string | undefined;
  /** Choose by service type. Default `SMARTCA` unless a serial number is given. */
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
  async list(params: ListCertificatesParams): Promise<SmartCACertificate[]> {
    const { data, requestId } = await this.#ctx.sp769().getCertificate({
      user_id: params.userId, serial_number: params.serialNumber ?? '', transaction_id: randomId(),
    }, params);
    return data.user_certificates.map((item, index) => toCertificate(item, index, requestId));
  }

  /**
   * The certificate a signing call uses: `certificate` when given (no request), else the one with
   * `serialNumber`, else the one of `serviceType` (default `SMARTCA`, the personal certificate).
   */
  async signer(params: SignerParams): Promise<SmartCACertificate> {
    if (params.certificate) return params.certificate;
    return this.select({
      userId: params.userId, serialNumber: params.serialNumber, signal: params.signal, timeout: params.timeout,
      maxRetries: params.maxRetries, serviceType: params.serialNumber ? params.serviceType : (params.serviceType ?? 'SMARTCA'),
    });
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

/** SP769's certificate listing onto {@link SmartCACertificate}. */
export function toCertificate(item: Sp769Certificate, index: number, requestId: string): SmartCACertificate {
  const der = base64ToBytes(item.cert_data);
  const chain = [item.chain_data?.ca_cert, item.chain_data?.root_cert]
    .filter((c): c is string => typeof c === 'string' && c.length > 0)
    .map((c) => base64ToBytes(c))
    .filter((c): c is Uint8Array => c !== undefined);
  try {
    if (!der) throw new Error('cert_data is not base64');
    return new SmartCACertificate(der, {
      id: item.cert_id ?? undefined,
      serviceType: item.service_type ?? undefined,
      serviceName: item.service_name ?? undefined,
      statusText: item.cert_status === null || item.cert_status === undefined ? undefined : String(item.cert_status),
      wireSubject: item.cert_subject ?? undefined,
      chain,
    });
  } catch (cause) {
    throw new ResponseSchemaError({ code: 'RESPONSE_SCHEMA_MISMATCH', requestId, operation: 'sp769.get_certificate',
      message: messages.schemaDrift('sp769.get_certificate'), cause,
      issues: [{ path: ['data', 'user_certificates', index, 'cert_data'], code: 'invalid_certificate',
        message: 'cert_data is not a DER X.509 certificate in base64' }] });
  }
}
