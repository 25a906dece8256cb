import '../internal/reflect-polyfill.js';
import { X509Certificate } from '@peculiar/x509';
import type { CertificateRecord, SandboxState } from '../state/types.js';
import { unb64 } from './encoding.js';
import { REVOCATION_REASONS, type RevocationReason } from './revocation-reasons.js';

/** What OCSP says of one serial number. */
export type CertificateStatus = 'good' | 'unknown' | { at: number; reason: number };

/** A revoked certificate as the CRL lists it. */
export interface RevokedEntry {
  serialNumber: string;
  at: number;
  reason: number;
}

/**
 * When a revoked certificate counts as revoked. Records revoked before revocation times were kept
 * have none: they count as revoked from the start of their validity, the conservative answer.
 */
function revokedAt(cert: CertificateRecord): number {
  return cert.revokedAt ?? cert.validFrom;
}

const normal = (serial: string) => serial.toLowerCase().replace(/^(00)+(?=.)/, '');

/**
 * The status of the issuing CA's certificate with this serial (hex) at `now`: the users'
 * certificates, the TSA's and the OCSP responder's. A serial the CA never issued is `unknown`.
 */
export function revocationOf(state: SandboxState, serialHex: string, now: number): CertificateStatus {
  const serial = normal(serialHex);
  const cert = state.certificates.find((c) => normal(c.serialNumber) === serial);
  if (cert) {
    return cert.revoked && revokedAt(cert) <= now
      ? { at: revokedAt(cert), reason: REVOCATION_REASONS[cert.revocationReason ?? 'unspecified'] }
      : 'good';
  }
  const services = [state.authority.tsa, state.authority.ocsp].flatMap((c) => (c ? [c.certDer] : []));
  return services.some((der) => normal(serialOf(der)) === serial) ? 'good' : 'unknown';
}

/** The issuing CA's revoked certificates, for its CRL. */
export function revokedEntries(state: SandboxState): RevokedEntry[] {
  return state.certificates
    .filter((c) => c.revoked)
    .map((c) => ({
      serialNumber: normal(c.serialNumber),
      at: revokedAt(c),
      reason: REVOCATION_REASONS[c.revocationReason ?? 'unspecified'],
    }));
}

const serials = new Map<string, string>();

function serialOf(certDer: string): string {
  let serial = serials.get(certDer);
  if (serial === undefined) {
    serial = new X509Certificate(unb64(certDer)).serialNumber;
    serials.set(certDer, serial);
  }
  return serial;
}
