import { InvalidInputError } from '../errors/invalid-input-error.js';
import type { ClientContext } from './client-context.js';
import { toGatewayNotifyEvent } from '../protocol/gateway/notify.js';
import { toSp769WebhookEvent } from '../protocol/sp769/webhook.js';
import type { StatusUpdate } from '../model/status-update.js';
import type { TransactionStatus } from '../model/transaction.js';
import type { GatewayNotifyEvent, Sp769WebhookEvent, WebhookBody, WebhookReceipt } from '../model/webhooks.js';

/**
 * Parses SmartCA's callbacks and hands them to the transactions this client is waiting on, so that
 * `wait()` resolves at once instead of at the next poll.
 *
 * Neither callback is authenticated by VNPT (anyone who can reach your endpoint can send one), so
 * nothing in them is trusted as is. A signed SP769 body settles the transaction only once every
 * signature verifies against the certificate and the digests; one that does not verify is discarded.
 * Any other status, an unverifiable body, and every gateway notification only make the transaction
 * poll SmartCA at once (at most about four extra polls a second, falling to one under a flood): a
 * webhook can never settle or fail a transaction by itself.
 *
 * @example
 * ```ts
 * app.post('/smartca/webhook', express.text({ type: '*\/*' }), (req, res) => {
 *   smartca.webhooks.receiveSp769(req.body);
 *   res.sendStatus(200);
 * });
 * ```
 */
export class WebhooksResource {
  readonly #ctx: ClientContext;
  readonly #spId: () => string | undefined;

  constructor(ctx: ClientContext, spId: () => string | undefined) {
    this.#ctx = ctx;
    this.#spId = spId;
  }

  /** Parses an SP769 webhook body without routing it. */
  parseSp769(body: WebhookBody): Sp769WebhookEvent {
    const event = toSp769WebhookEvent(toJson(body));
    if ('problems' in event) throw malformed('SP769', event.problems);
    return event;
  }

  /** Parses a gateway `notifyUrl` body without routing it. */
  parseGatewayNotify(body: WebhookBody): GatewayNotifyEvent {
    const event = toGatewayNotifyEvent(toJson(body));
    if ('problems' in event) throw malformed('notifyUrl', event.problems);
    return event;
  }

  /**
   * Parses an SP769 webhook and hands it to the waiting transaction: verified signatures settle it,
   * anything else makes it poll now. A body for another `sp_id` is refused.
   */
  receiveSp769(body: WebhookBody): WebhookReceipt<Sp769WebhookEvent> {
    const event = this.parseSp769(body);
    const mine = this.#spId();
    if (mine !== undefined && event.spId !== mine) {
      throw new InvalidInputError({
        field: 'spId',
        code: 'WEBHOOK_SP_MISMATCH',
        message: {
          vi: 'Webhook SmartCA gửi cho một sp_id khác; bỏ qua.',
          en: 'The SmartCA webhook is for another sp_id; ignored.',
        },
      });
    }
    const tx = this.#ctx.registry.find(event.transactionId);
    const update: StatusUpdate | undefined =
      event.status === 'signed'
        ? { status: 'signed', wireStatus: event.wireStatus, signatures: event.signedFiles }
        : undefined;
    if (tx) {
      // Verified before it counts; a forgery is discarded and only makes the transaction poll.
      if (update) tx.deliver(update);
      else tx.nudge();
    }
    return { event, matched: tx !== undefined, forwarded: this.#forward(event.transactionId, update) };
  }

  /**
   * Parses a gateway `notifyUrl` body and makes the waiting transaction poll `gettraninfo` now. The
   * body's `status` is never applied: only the poll's answer can settle or fail the transaction.
   */
  receiveGatewayNotify(body: WebhookBody): WebhookReceipt<GatewayNotifyEvent> {
    const event = this.parseGatewayNotify(body);
    const tx = this.#ctx.registry.find(event.providerId) ?? this.#ctx.registry.find(event.transactionId);
    tx?.nudge();
    return { event, matched: tx !== undefined, forwarded: this.#forward(tx?.id ?? event.transactionId, undefined) };
  }

  /**
   * Passes the callback to the other instances on the store, where the transaction's waiter may be: a
   * signed body for them to verify, anything else as a nudge. Nothing in it is trusted there either.
   */
  #forward(transactionId: string | undefined, update: StatusUpdate | undefined): Promise<void> {
    if (!transactionId) return Promise.resolve();
    const forwarded = this.#ctx.shared.forward(transactionId, update ? 'webhook' : 'nudge', update);
    // Handled here so that a receiver that does not await it never sees an unhandled rejection.
    forwarded.catch(() => undefined);
    return forwarded;
  }
}

function toJson(body: WebhookBody): unknown {
  if (typeof body === 'string') return parseText(body);
  if (body instanceof Uint8Array || body instanceof ArrayBuffer) return parseText(new TextDecoder().decode(body));
  return body;
}

function parseText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw malformed('webhook', 'body is not JSON');
  }
}

function malformed(kind: string, detail: string): InvalidInputError {
  return new InvalidInputError({
    field: 'body',
    code: 'WEBHOOK_MALFORMED',
    message: {
      vi: `Nội dung ${kind} webhook không đúng định dạng SmartCA (${detail}).`,
      en: `The ${kind} webhook body does not match SmartCA's format (${detail}).`,
    },
  });
}
