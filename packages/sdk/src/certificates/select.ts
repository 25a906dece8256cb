import { InvalidInputError } from '../errors/invalid-input-error.js';
import type { ServiceType, SmartCACertificate } from './certificate.js';

/** How to choose among a user's certificates. Every field is optional and they combine with AND. */
export interface CertificateCriteria {
  /** `SMARTCA` for a personal certificate, `ESEAL` for an organisation seal. */
  serviceType?: ServiceType | undefined;
  /** The serial number in hex; case, colons, spaces and leading zeros are ignored. */
  serialNumber?: string | undefined;
  /** Keep only certificates valid at this moment. `null` keeps expired ones too. Default: no filter. */
  validAt?: Date | null | undefined;
  /** Leave out certificates that declare this service type; those that declare none stay. */
  excludeServiceType?: ServiceType | undefined;
}

/** The certificates that meet every criterion, in their original order. */
export function filterCertificates(
  certificates: readonly SmartCACertificate[],
  criteria: CertificateCriteria = {},
): SmartCACertificate[] {
  const serial = criteria.serialNumber === undefined ? undefined : normaliseSerial(criteria.serialNumber);
  const type = criteria.serviceType?.toUpperCase();
  const excluded = criteria.excludeServiceType?.toUpperCase();
  return certificates.filter(
    (cert) =>
      (serial === undefined || normaliseSerial(cert.serialNumber) === serial) &&
      (type === undefined || cert.serviceType?.toUpperCase() === type) &&
      (excluded === undefined || cert.serviceType?.toUpperCase() !== excluded) &&
      (!criteria.validAt || cert.isValidAt(criteria.validAt)),
  );
}

/**
 * Exactly one certificate for the criteria. When several match, one that is valid now wins; if that is
 * still ambiguous, the error lists the serial numbers to choose from. When the only match is expired it
 * is returned anyway, so that SmartCA itself reports the certificate's status.
 *
 * @throws {@link InvalidInputError} when nothing matches or the choice is ambiguous.
 */
export function selectCertificate(
  certificates: readonly SmartCACertificate[],
  criteria: CertificateCriteria = {},
): SmartCACertificate {
  const matches = filterCertificates(certificates, criteria);
  if (matches.length === 1) return matches[0] as SmartCACertificate;
  if (matches.length === 0) {
    const available = certificates.map((c) => `${c.serviceType ?? '?'} ${c.serialNumber}`).join(', ') || '-';
    throw new InvalidInputError({
      field: 'certificate',
      code: 'CERTIFICATE_NOT_FOUND',
      message: {
        vi: `Không có chứng thư số phù hợp (${describe(criteria)}). Chứng thư hiện có: ${available}.`,
        en: `No certificate matches (${describe(criteria)}). Available: ${available}.`,
      },
    });
  }
  const valid = matches.filter((c) => c.isValidAt());
  if (valid.length === 1) return valid[0] as SmartCACertificate;
  const serials = (valid.length > 0 ? valid : matches).map((c) => c.serialNumber).join(', ');
  throw new InvalidInputError({
    field: 'serialNumber',
    code: 'CERTIFICATE_AMBIGUOUS',
    message: {
      vi: `Người dùng có nhiều chứng thư số phù hợp; hãy chỉ định serialNumber (một trong: ${serials}).`,
      en: `The user has several matching certificates; pass serialNumber (one of: ${serials}).`,
    },
  });
}

function normaliseSerial(serial: string): string {
  return serial
    .replace(/[\s:]/g, '')
    .toLowerCase()
    .replace(/^0+(?=.)/, '');
}

function describe(criteria: CertificateCriteria): string {
  const parts = [];
  if (criteria.serviceType) parts.push(`serviceType=${criteria.serviceType}`);
  if (criteria.serialNumber) parts.push(`serialNumber=${criteria.serialNumber}`);
  if (criteria.validAt) parts.push(`validAt=${criteria.validAt.toISOString()}`);
  if (criteria.excludeServiceType) parts.push(`not ${criteria.excludeServiceType}`);
  return parts.join(', ') || 'any';
}
