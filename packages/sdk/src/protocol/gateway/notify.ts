import type { GatewayNotifyEvent } from '../../model/webhooks.js';
import { gatewayNotifyBody } from './schemas.js';
import { gatewayStatus, TRAN_STATUS } from './status.js';

/** The gateway's `notifyUrl` body (V2 §5.2.3) as an event, or the list of fields that did not match. */
export function toGatewayNotifyEvent(json: unknown): GatewayNotifyEvent | { problems: string } {
  const parsed = gatewayNotifyBody.safeParse(json);
  if (!parsed.success) return { problems: parsed.error.issues.map((i) => i.path.join('.')).join(', ') };
  const wire = parsed.data;
  return {
    kind: 'gateway',
    providerId: wire.tranId,
    transactionId: wire.refTranId ?? undefined,
    tranId: wire.tranId,
    refTranId: wire.refTranId ?? undefined,
    status: gatewayStatus(wire.status),
    wireCode: wire.status,
    wireStatus: TRAN_STATUS[wire.status as keyof typeof TRAN_STATUS] ?? String(wire.status),
  };
}
