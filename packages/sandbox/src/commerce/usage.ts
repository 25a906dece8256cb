import type { CertificateRecord, PartnerRecord, SandboxState, TransactionRecord } from '../state/types.js';
import { freeReason } from '../engine/turns.js';
import { commerceOf, type UsageRecord } from './state.js';

/** Records a signed transaction in the usage history: the turns it cost, or why it was free. */
export function recordSignature(
  state: SandboxState,
  tx: TransactionRecord,
  cert: CertificateRecord,
  partner: PartnerRecord | undefined,
): void {
  const reason = partner ? freeReason(partner, cert) : undefined;
  commerceOf(state).usage.push({
    at: tx.settledAt ?? Date.now(),
    certId: cert.certId,
    kind: 'SIGN',
    turns: -tx.cost,
    freeReason: reason ? (reason.toUpperCase().replace('-', '_') as UsageRecord['freeReason']) : undefined,
    transactionId: tx.transactionId,
    spId: tx.spId,
  });
}

/** A usage entry as the wire shows it. */
export function usageView(u: UsageRecord): Record<string, unknown> {
  return {
    at: new Date(u.at).toISOString(),
    credentialId: u.certId,
    kind: u.kind,
    turns: u.turns,
    freeReason: u.freeReason ?? null,
    orderId: u.orderId ?? null,
    transactionId: u.transactionId ?? null,
    spId: u.spId ?? null,
  };
}
