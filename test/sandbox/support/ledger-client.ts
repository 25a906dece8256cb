import { readFileSync } from 'node:fs';
import type { SandboxState } from '@smartca-kit/sandbox';
import { SECRET } from '../../support/sandbox.js';

/**
 * The few raw calls the durability and crash tests make: plain fetch against a child sandbox, so that
 * what counts as acknowledged is exactly what the wire said (no SDK retries in between).
 */
export class LedgerClient {
  readonly url: string;
  #token: string | undefined;

  constructor(url: string) {
    this.url = url;
  }

  /** A commerce order for a turn pack; its id once the sandbox acknowledged it. */
  async createOrder(userId: string, key = crypto.randomUUID()): Promise<string> {
    const answer = await this.#commerce(
      'orders/create',
      {
        uid: userId,
        pricingCode: 'LK10',
        quantity: 1,
        paymentMethod: 'VNPTMONEY',
        returnUrl: 'https://portal.example/paid',
      },
      key,
    );
    if (answer.code !== 0) throw new Error(`orders/create: ${JSON.stringify(answer)}`);
    return (answer.content as { orderId: string }).orderId;
  }

  /** Clicks "pay" on the hosted page; the status the redirect carries (the acknowledgment). */
  async pay(orderId: string): Promise<string> {
    const answer = await fetch(`${this.url}/pay/${orderId}`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'action=approve',
    });
    if (answer.status !== 303) throw new Error(`pay: ${answer.status}`);
    return new URL(answer.headers.get('location') ?? '').searchParams.get('status') ?? '';
  }

  /** An SP769 signature request for one digest; its `tran_code` once acknowledged. */
  async sign(userId: string, transactionId = crypto.randomUUID()): Promise<string> {
    const answer = await this.#json('/sca/sp769/v1/signatures/sign', {
      sp_id: 'sandbox-partner',
      sp_password: SECRET,
      user_id: userId,
      transaction_id: transactionId,
      sign_files: [
        { doc_id: 'd', data_to_be_signed: crypto.randomUUID().replace(/-/g, '').repeat(2), sign_type: 'hash' },
      ],
    });
    if (answer.status_code !== 200) throw new Error(`sign: ${JSON.stringify(answer)}`);
    return (answer.data as { tran_code: string }).tran_code;
  }

  /** Approves in the virtual phone; the status it answers. */
  async approve(tranId: string): Promise<string> {
    const answer = await fetch(`${this.url}/phone/api/transactions/${tranId}/approve`, { method: 'POST' });
    return ((await answer.json()) as { status?: string }).status ?? `http ${answer.status}`;
  }

  /** The usage history of the user's certificates (purchases and signatures), newest first. */
  async usage(
    userId: string,
  ): Promise<Array<{ kind: string; turns: number; orderId: string | null; transactionId: string | null }>> {
    const answer = await this.#commerce('usage', { uid: userId, limit: 500 }, crypto.randomUUID());
    if (answer.code !== 0) throw new Error(`usage: ${JSON.stringify(answer)}`);
    return (answer.content as { entries: [] }).entries;
  }

  /** GET of a sandbox JSON view (`/_sandbox/orders`, `/_sandbox/transactions`, ...). */
  async view<T>(path: string): Promise<T> {
    return (await (await fetch(`${this.url}${path}`)).json()) as T;
  }

  async #commerce(path: string, body: unknown, key: string): Promise<Record<string, unknown>> {
    this.#token ??= (
      (await (
        await fetch(`${this.url}/auth/token`, {
          method: 'POST',
          body: new URLSearchParams({
            grant_type: 'client_credentials',
            client_id: 'sandbox-partner',
            client_secret: SECRET,
            scope: 'commerce',
          }),
        })
      ).json()) as { access_token: string }
    ).access_token;
    const answer = await fetch(`${this.url}/commerce/v1/${path}`, {
      method: 'POST',
      body: JSON.stringify(body),
      headers: { authorization: `Bearer ${this.#token}`, 'content-type': 'application/json', 'idempotency-key': key },
    });
    return (await answer.json()) as Record<string, unknown>;
  }

  async #json(path: string, body: unknown): Promise<Record<string, unknown>> {
    const answer = await fetch(`${this.url}${path}`, {
      method: 'POST',
      body: JSON.stringify(body),
      headers: { 'content-type': 'application/json' },
    });
    return (await answer.json()) as Record<string, unknown>;
  }
}

/** The state file as it is on disk now. */
export function onDisk(file: string): SandboxState {
  return JSON.parse(readFileSync(file, 'utf8')) as SandboxState;
}
