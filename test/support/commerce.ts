import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RegistrationParams } from '@smartca-kit/sdk';
import type { SandboxServer, SandboxServerOptions } from '@smartca-kit/sandbox/node';
import { startSandbox } from './sandbox.js';

/** The seeded partners' commerce webhook secret. */
export const WEBHOOK_SECRET = 'sandbox-webhook-secret';

let counter = 0;

/**
 * A valid registration for a person nobody has registered yet: a Hà Nội CCCD (province 001) of someone
 * born in 1995 (gender digit 0 for a man, 1 for a woman), whose number is unique in this process.
 */
export function newPerson(who: { fullName?: string; gender?: 'male' | 'female' } = {}): RegistrationParams {
  counter += 1;
  const serial = String((process.pid * 1000 + counter) % 1_000_000).padStart(6, '0');
  const gender = who.gender ?? 'male';
  return {
    identity: {
      documentType: 'CCCD',
      idNumber: `001${gender === 'male' ? 0 : 1}95${serial}`,
      fullName: who.fullName ?? 'Nguyễn Văn Hoà',
      dateOfBirth: '1995-03-14',
      gender,
    },
    contact: {
      email: `hoa.${serial}@example.vn`,
      phone: `091${serial}0`.slice(0, 10),
      address: '12 Tràng Tiền, Hoàn Kiếm, Hà Nội',
    },
    pricingCode: 'PS0',
    deviceId: `device-${serial}`,
  };
}

/** The newest one-time code the outbox holds for `filter` (e.g. `{ kind: 'activation_code', to: phone }`). */
export function latestCode(server: SandboxServer, filter: Record<string, string>): string {
  return latestOf(server.sandbox.outbox(filter));
}

/** The newest one-time code among outbox messages. */
export function latestOf(messages: ReadonlyArray<{ code?: string | undefined }>): string {
  const last = messages.filter((m) => m.code).at(-1);
  if (!last?.code) throw new Error('no code in the outbox');
  return last.code;
}

/** Clicks a button on the hosted payment page; returns where the browser would go next. */
export async function clickPay(paymentUrl: string, action: 'approve' | 'decline' | 'abandon'): Promise<URL> {
  const response = await fetch(paymentUrl, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: `action=${action}`,
  });
  if (response.status !== 303) throw new Error(`payment page answered ${response.status}`);
  return new URL(response.headers.get('location') ?? '');
}

/** One delivery a {@link WebhookInbox} received: the raw body and headers, exactly as sent. */
export interface ReceivedWebhook {
  raw: string;
  headers: IncomingHttpHeaders;
}

/** A partner's webhook endpoint on loopback. `answer` picks each delivery's status (default 200). */
export interface WebhookInbox {
  url: string;
  received: ReceivedWebhook[];
  close(): Promise<void>;
}

export async function webhookInbox(
  answer: (delivery: ReceivedWebhook, index: number) => number = () => 200,
): Promise<WebhookInbox> {
  const received: ReceivedWebhook[] = [];
  const server: Server = createServer((req, res) => {
    let raw = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (raw += chunk));
    req.on('end', () => {
      const delivery = { raw, headers: req.headers };
      received.push(delivery);
      res.writeHead(answer(delivery, received.length - 1)).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/smartca/events`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A sandbox whose partner `sandbox-partner` sends its commerce events to a fresh {@link webhookInbox}. */
export async function sandboxWithInbox(
  options: SandboxServerOptions = {},
  answer?: (delivery: ReceivedWebhook, index: number) => number,
): Promise<{ server: SandboxServer; inbox: WebhookInbox; close(): Promise<void> }> {
  const inbox = await webhookInbox(answer);
  const server = await startSandbox({ ...options, commerceWebhookUrls: { 'sandbox-partner': inbox.url } });
  return {
    server,
    inbox,
    close: async () => {
      await server.close();
      await inbox.close();
    },
  };
}
