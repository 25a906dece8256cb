import { base64ToBytes, bytesToBase64 } from '../internal/bytes.js';
import type { StatusUpdate } from '../model/status-update.js';
import type { TransactionStatus } from '../model/transaction.js';

/**
 * What one instance tells the others about a transaction, on its store channel:
 * - `update`: a final status SmartCA answered to a poll, or a webhook this instance verified;
 * - `webhook`: a signed webhook body nobody has verified yet (the instance that holds the transaction does);
 * - `nudge`: an unverifiable callback said something changed: whoever polls should poll now.
 */
export interface SharedMessage {
  /** The sender's instance id: an instance ignores its own messages. */
  from: string;
  /** See above. */
  kind: 'update' | 'webhook' | 'nudge';
  /** The status, for `update` and `webhook`. */
  update?: StatusUpdate | undefined;
}

const STATUSES: ReadonlySet<TransactionStatus> = new Set(['pending', 'signed', 'rejected', 'expired', 'failed']);

interface WireUpdate {
  status: TransactionStatus;
  wireStatus: string;
  wireCode?: number | undefined;
  signatures?: Array<{ docId?: string | undefined; signature: string; timestampSignature: string | null }> | undefined;
}

/** The message as JSON text (signatures in base64). */
export function encodeMessage(message: SharedMessage): string {
  return JSON.stringify({
    v: 1,
    from: message.from,
    kind: message.kind,
    ...(message.update ? { update: encodeUpdate(message.update) } : {}),
  });
}

/** The message in `text`, or undefined when it is not one this version understands (it is then ignored). */
export function decodeMessage(text: string): SharedMessage | undefined {
  const value = parse(text);
  if (!value || value.v !== 1 || typeof value.from !== 'string') return undefined;
  if (value.kind !== 'update' && value.kind !== 'webhook' && value.kind !== 'nudge') return undefined;
  const update = value.update === undefined ? undefined : decodeUpdate(value.update);
  if (value.kind !== 'nudge' && !update) return undefined;
  return { from: value.from, kind: value.kind, update };
}

/** A final status as the state kept in the store. */
export function encodeState(update: StatusUpdate): string {
  return JSON.stringify({ v: 1, update: encodeUpdate(update) });
}

/** The final status in a stored state, or undefined. */
export function decodeState(text: string | undefined): StatusUpdate | undefined {
  const value = text === undefined ? undefined : parse(text);
  return value && value.v === 1 ? decodeUpdate(value.update) : undefined;
}

function encodeUpdate(update: StatusUpdate): WireUpdate {
  return {
    status: update.status,
    wireStatus: update.wireStatus,
    wireCode: update.wireCode,
    signatures: update.signatures?.map((s) => ({
      docId: s.docId,
      signature: bytesToBase64(s.signature),
      timestampSignature: s.timestampSignature,
    })),
  };
}

function decodeUpdate(value: unknown): StatusUpdate | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const wire = value as Partial<WireUpdate>;
  if (!wire.status || !STATUSES.has(wire.status) || typeof wire.wireStatus !== 'string') return undefined;
  const signatures: NonNullable<StatusUpdate['signatures']> = [];
  for (const s of Array.isArray(wire.signatures) ? wire.signatures : []) {
    const bytes = typeof s?.signature === 'string' ? base64ToBytes(s.signature) : undefined;
    if (!bytes) return undefined;
    signatures.push({
      docId: typeof s.docId === 'string' ? s.docId : undefined,
      signature: bytes,
      timestampSignature: typeof s.timestampSignature === 'string' ? s.timestampSignature : null,
    });
  }
  return {
    status: wire.status,
    wireStatus: wire.wireStatus,
    wireCode: typeof wire.wireCode === 'number' ? wire.wireCode : undefined,
    signatures: Array.isArray(wire.signatures) ? signatures : undefined,
  };
}

function parse(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
