import type { CertificateRecord, PartnerRecord } from '../state/types.js';

/**
 * Turns a transaction costs: one per digest on a per-turn pack, nothing on an unlimited pack or when
 * the partner is a public-service platform (seed guide: free turns on public-service platforms).
 */
export function turnCost(partner: PartnerRecord, cert: CertificateRecord, digests: number): number {
  if (partner.publicService || cert.pack.billing === 'unlimited') return 0;
  return digests;
}

/** Turns still free to reserve: `totalSignLimit − signedTurn − reserved`. Infinity when unlimited. */
export function availableTurns(cert: CertificateRecord): number {
  const pack = cert.pack;
  if (pack.billing === 'unlimited') return Number.POSITIVE_INFINITY;
  return Math.max(0, pack.totalSignLimit - pack.signedTurn - pack.reserved);
}

/** True when the certificate can sign at `now`: inside its validity period and not revoked. */
export function certificateUsable(cert: CertificateRecord, now: number): boolean {
  return !cert.revoked && cert.validFrom <= now && now <= cert.validTo;
}

/** `cert_status` as SP769 spells it: Vietnamese text, as the real service sends. */
export function certificateStatusText(cert: CertificateRecord, now: number): string {
  if (cert.revoked) return 'Đã thu hồi';
  if (now > cert.validTo) return 'Hết hạn';
  if (now < cert.validFrom) return 'Chưa có hiệu lực';
  return 'Đang hoạt động';
}
