import type { CertificateRecord, PartnerRecord } from '../state/types.js';

/**
 * Turns a transaction costs: one per digest on a per-turn pack, nothing on an unlimited pack or when
 * the partner is a public-service platform (seed guide: free turns on public-service platforms).
 */
export function turnCost(partner: PartnerRecord, cert: CertificateRecord, digests: number): number {
  return freeReason(partner, cert) ? 0 : digests;
}

/** Why signing with `cert` through `partner` costs nothing, or undefined when it costs turns. */
export function freeReason(
  partner: PartnerRecord,
  cert: CertificateRecord,
): 'unlimited' | 'public-service' | 'acceptance-record' | undefined {
  // A new certificate's only signature before it is VALID is its acceptance record, part of registration.
  if (isAwaitingAcceptance(cert)) return 'acceptance-record';
  if (cert.pack.billing === 'unlimited') return 'unlimited';
  if (partner.publicService) return 'public-service';
  return undefined;
}

/** The certificate is issued but its holder has not yet signed the acceptance record (states 7 and 8). */
export function isAwaitingAcceptance(cert: CertificateRecord): boolean {
  return cert.lifecycle === 7 || cert.lifecycle === 8;
}

/** Turns still free to reserve: `totalSignLimit − signedTurn − reserved`. Infinity when unlimited. */
export function availableTurns(cert: CertificateRecord): number {
  const pack = cert.pack;
  if (pack.billing === 'unlimited') return Number.POSITIVE_INFINITY;
  return Math.max(0, pack.totalSignLimit - pack.signedTurn - pack.reserved);
}

/**
 * True when the certificate can sign these digests at `now`: inside its validity period, not revoked,
 * and VALID (lifecycle 0). A certificate still waiting for its acceptance record (7, or 8 after a
 * refused attempt) can sign exactly one digest: that record's.
 */
export function certificateUsable(cert: CertificateRecord, now: number, digestsHex: readonly string[]): boolean {
  if (cert.revoked || now < cert.validFrom || now > cert.validTo) return false;
  if ((cert.lifecycle ?? 0) === 0) return true;
  return isAwaitingAcceptance(cert) && digestsHex.length === 1 && digestsHex[0] === cert.acceptanceDigestHex;
}

/** `cert_status` as SP769 spells it: Vietnamese text, as the real service sends. */
export function certificateStatusText(cert: CertificateRecord, now: number): string {
  if (cert.revoked) return 'Đã thu hồi';
  if (isAwaitingAcceptance(cert))
    return cert.lifecycle === 8 ? 'Ký biên bản nghiệm thu thất bại' : 'Chờ ký biên bản nghiệm thu';
  if (now > cert.validTo) return 'Hết hạn';
  if (now < cert.validFrom) return 'Chưa có hiệu lực';
  return 'Đang hoạt động';
}
