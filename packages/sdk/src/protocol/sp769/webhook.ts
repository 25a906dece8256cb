import type { Sp769WebhookEvent } from '../../model/webhooks.js';
import { sp769WebhookBody } from './schemas.js';
import { sp769Update } from './status.js';

/**
 * The SP769 webhook body (V1 §3.5) as an event, or the list of fields that did not match. The
 * signatures are decoded but not verified: only a transaction that knows its certificate can do that.
 */
export function toSp769WebhookEvent(json: unknown): Sp769WebhookEvent | { problems: string } {
  const parsed = sp769WebhookBody.safeParse(json);
  if (!parsed.success) return { problems: parsed.error.issues.map((i) => i.path.join('.')).join(', ') };
  const wire = parsed.data;
  const update = sp769Update(wire.message, wire.signed_files);
  return {
    kind: 'sp769',
    spId: wire.sp_id,
    transactionId: wire.transaction_id ?? undefined,
    status: update.status,
    statusCode: wire.status_code,
    wireStatus: wire.message ?? '',
    signedFiles: (update.signatures ?? []).map((s) => ({
      docId: s.docId ?? '',
      signature: s.signature,
      timestampSignature: s.timestampSignature,
    })),
  };
}
