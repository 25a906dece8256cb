import type { SmartCA } from '../../client.js';
import type { RelayOptions } from './relay-options.js';
import { base64ToBytes, constantTimeEqual } from '../../internal/bytes.js';
import { deadlineSignal } from '../../internal/deadline-signal.js';
import {
  attemptDescription,
  RELAY_ROUTES,
  signatureStatusBodySchema,
  startSignatureBodySchema,
} from '../contract/wire.js';
import type { SessionClaims } from '../contract/session-claims.js';
import type { DocumentDigest } from '../contract/wire.js';
import { isFinal, settle, transactionView, type Outcome } from './outcome.js';
import { idempotencyKeyOf } from './idempotency-key.js';
import { refuse } from './refusals.js';
import { json, readBody, type RelayRoute, type RouteContext } from './route-kit.js';
import { belongsToSession, newTransactionId } from './transaction-ids.js';
import { LiveTransactions, sessionDocuments } from './live-transactions.js';
import { idempotentCall } from './idempotent-call.js';
import type { SmartCAStore } from '../../model/store.js';

/** What the signature routes need from the relay. */
export interface SignatureRouteDeps {
  client: SmartCA;
  secrets: readonly string[];
  live: LiveTransactions;
  /** Where a start's `Idempotency-Key` is recorded, for every instance. */
  store: SmartCAStore;
  /** The longest a status call may be held open, in ms. */
  maxWaitMs: number;
  /** The portal's hook that finishes the signed documents. */
  onSigned?: RelayOptions['onSigned'];
}

// A start body lists at most 50 `{ docId, digest }` (about 100 bytes each); the others are `{}` or
// `{ "waitSeconds": n }` and keep the relay's default limit.
const START_BODY_LIMIT_BYTES = 64 * 1024;
// However many pages ask, a pending transaction is polled at most about once a second: a status call
// that does not wait is answered from a poll younger than this (see SigningTransaction.refresh).
const FRESH_ENOUGH_MS = 1000;
// A retried start is answered from the store this long: past the longest session token (3600 s).
const START_REPLAY_MS = 60 * 60_000;

/** Start, status (long poll) and cancel: everything `<smartca-sign>` calls. */
export function signatureRoutes(deps: SignatureRouteDeps): RelayRoute[] {
  return [
    {
      path: RELAY_ROUTES.startSignature,
      purposes: ['sign'],
      maxBodyBytes: START_BODY_LIMIT_BYTES,
      handle: (ctx) => start(deps, ctx),
    },
    { path: RELAY_ROUTES.signatureStatus, purposes: ['sign'], handle: (ctx) => status(deps, ctx) },
    { path: RELAY_ROUTES.cancelSignature, purposes: ['sign'], handle: (ctx) => cancel(deps, ctx) },
  ];
}

async function start(deps: SignatureRouteDeps, context: RouteContext): Promise<Response> {
  const { request, claims } = context;
  const body = readBody(context, startSignatureBodySchema);
  const key = idempotencyKeyOf(request);
  if (body.documents && !sameDocuments(body.documents, claims)) throw refuse('DOCUMENT_MISMATCH');
  const [secret = ''] = deps.secrets;
  const transactionId = await newTransactionId(secret, claims, key);
  // The id already binds the session and the key; a retry on any instance gets the first answer.
  return idempotentCall(
    deps.store,
    { scope: 'relay:start', doneTtlMs: START_REPLAY_MS },
    key && transactionId,
    body,
    async () => {
      const tx = await deps.client.signatures.sign({
        userId: claims.userId,
        serialNumber: claims.serialNumber,
        documents: sessionDocuments(claims),
        // A second try says so in the app, where the first may still wait (SmartCA cannot withdraw it).
        description: attemptDescription(claims.description, body.attempt),
        transactionId,
        signal: request.signal,
      });
      deps.live.add(tx);
      return json({ transaction: transactionView(tx.id, claims, { status: 'pending' }, tx.expiresAt) }, 201);
    },
  );
}

async function status(deps: SignatureRouteDeps, context: RouteContext): Promise<Response> {
  const { request, claims, params, requestId } = context;
  const id = await ownedId(deps, claims, params);
  const body = readBody(context, signatureStatusBodySchema);
  // Cancelled here: whatever the user does in the app now, this page gets no result (and the portal's
  // hook is not called) for it. A new try is a new transaction.
  if (deps.live.wasCancelled(id)) return json({ transaction: transactionView(id, claims, { status: 'cancelled' }) });
  const waitMs = Math.min((body.waitSeconds ?? Infinity) * 1000, deps.maxWaitMs);
  const entry = await deps.live.follow(id, claims, request.signal);
  const held = deadlineSignal(Math.max(waitMs, 1), request.signal, entry.cancelled.signal);
  let outcome: Outcome;
  try {
    // Every held call on this transaction joins its one shared poll loop (SigningTransaction.wait).
    outcome = await settle(
      waitMs > 0
        ? entry.tx.wait({ signal: held.signal })
        : entry.tx.refresh({ signal: request.signal, maxAgeMs: FRESH_ENOUGH_MS }),
      requestId,
    );
  } catch (error) {
    if (!held.signal.aborted) throw error;
    outcome = { status: entry.cancelled.signal.aborted ? 'cancelled' : 'pending' };
  } finally {
    held.clear();
  }
  outcome = await withDocument(deps, id, claims, outcome);
  if (isFinal(outcome.status)) deps.live.forget(id);
  return json({ transaction: transactionView(id, claims, outcome, entry.tx.expiresAt) });
}

/**
 * SmartCA has no way to withdraw a request: it stays in the app until it expires, and approving it
 * there still signs (and spends a turn). Cancel therefore stops the relay following it (held status
 * calls answer `cancelled`) and reports a transaction that already ended as it ended, so a page never
 * shows "cancelled" for a document the user has in fact signed.
 */
async function cancel(
  deps: SignatureRouteDeps,
  { request, claims, params, requestId }: RouteContext,
): Promise<Response> {
  const id = await ownedId(deps, claims, params);
  const entry = await deps.live.follow(id, claims, request.signal).catch(() => undefined);
  deps.live.cancel(id);
  let outcome: Outcome = { status: 'cancelled' };
  if (entry) {
    const now = await settle(entry.tx.refresh({ signal: request.signal, maxAgeMs: FRESH_ENOUGH_MS }), requestId).catch(
      () => undefined,
    );
    if (now && now.status !== 'pending') {
      // It ended before the cancel: report it as it ended, now and on later status calls.
      deps.live.forget(id);
      outcome = await withDocument(deps, id, claims, now);
    }
  }
  return json({ transaction: transactionView(id, claims, outcome, entry?.tx.expiresAt) });
}

/** A signed outcome with the document the portal's hook finished, when there is a hook. */
async function withDocument(
  deps: SignatureRouteDeps,
  transactionId: string,
  claims: SessionClaims,
  outcome: Outcome,
): Promise<Outcome> {
  if (outcome.status !== 'signed' || !outcome.result || !deps.onSigned) return outcome;
  const document = await deps.onSigned({ transactionId, claims, result: outcome.result });
  return document ? { ...outcome, result: { ...outcome.result, document } } : outcome;
}

async function ownedId(
  deps: SignatureRouteDeps,
  claims: SessionClaims,
  params: Record<string, string>,
): Promise<string> {
  const id = params.id ?? '';
  if (!(await belongsToSession(deps.secrets, claims, id))) throw refuse('TRANSACTION_NOT_IN_SESSION');
  return id;
}

function sameDocuments(given: readonly DocumentDigest[], claims: SessionClaims): boolean {
  return (
    given.length === claims.documents.length &&
    given.every((doc, i) => {
      const bound = claims.documents[i];
      const digest = base64ToBytes(doc.digest);
      // Standard base64 and base64url spell the same digest; compare the bytes.
      return (
        bound !== undefined &&
        digest !== undefined &&
        bound.docId === doc.docId &&
        constantTimeEqual(digest, base64ToBytes(bound.digest) ?? new Uint8Array())
      );
    })
  );
}
