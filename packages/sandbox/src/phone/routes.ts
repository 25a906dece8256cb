import { json, sandboxError } from '../http/reply.js';
import type { Router } from '../http/router.js';
import type { Engine } from '../engine/engine.js';
import type { TransactionRecord } from '../state/types.js';
import { commerceOf } from '../commerce/state.js';
import { frameAncestors } from '../http/loopback-guard.js';
import { PHONE_PAGE, PHONE_SCRIPT } from './page.js';

/**
 * The virtual phone: what the SmartCA app shows a subscriber, as an HTTP API and a small page at
 * `/phone`. Only transactions that wait for an app approval appear (TH transactions are confirmed by
 * the partner with the `sad`, not in the app). `framers` may embed the page (CSP `frame-ancestors`).
 */
export function registerPhoneRoutes(router: Router, engine: Engine, framers: readonly string[]): void {
  router.on(
    'GET',
    '/phone',
    () =>
      new Response(PHONE_PAGE, {
        headers: {
          'content-type': 'text/html; charset=utf-8',
          'content-security-policy': `default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; ${frameAncestors(framers)}`,
        },
      }),
  );
  router.on(
    'GET',
    '/phone/app.js',
    () =>
      new Response(PHONE_SCRIPT, {
        headers: { 'content-type': 'text/javascript; charset=utf-8' },
      }),
  );

  router.on('GET', '/phone/api/users', () =>
    json(engine.state.users.map((u) => ({ userId: u.userId, fullName: u.fullName }))),
  );

  router.on('GET', '/phone/api/users/:userId/transactions', ({ params, url }) => {
    if (!engine.user(params.userId)) return sandboxError(404, `no user ${params.userId}`);
    const status = url.searchParams.get('status') ?? 'pending';
    const list = engine.state.transactions
      .filter((t) => t.userId === params.userId && t.surface !== 'sp769-th')
      .map((t) => {
        engine.refresh(t);
        return t;
      })
      .filter((t) => status === 'all' || t.status === status)
      .map((t) => view(engine, t));
    return json(list);
  });

  // The phone's inbox: app notifications for the subscriber, SMS to their number, emails to their address.
  // Before activation there is no subscriber yet, so an SMS can also be read by phone number.
  router.on('GET', '/phone/api/users/:userId/notifications', ({ params }) => {
    const user = engine.user(params.userId);
    if (!user) return sandboxError(404, `no user ${params.userId}`);
    const mine = commerceOf(engine.state).notifications.filter(
      (n) => n.userId === user.userId || n.to === user.userId || n.to === user.phone || n.to === user.email,
    );
    return json(mine.slice(-50).reverse());
  });
  router.on('GET', '/phone/api/inbox', ({ url }) => {
    const phone = url.searchParams.get('phone') ?? '';
    return json(
      commerceOf(engine.state)
        .notifications.filter((n) => n.channel === 'sms' && n.to === phone)
        .slice(-50)
        .reverse(),
    );
  });

  router.on('GET', '/phone/api/transactions/:tranId', ({ params }) => {
    const tx = engine.transaction(params.tranId ?? '');
    return tx ? json(view(engine, tx)) : sandboxError(404, 'no such transaction');
  });

  for (const action of ['approve', 'reject'] as const) {
    router.on('POST', `/phone/api/transactions/:tranId/${action}`, async ({ params }) => {
      const tx = engine.transaction(params.tranId ?? '');
      if (!tx || tx.surface === 'sp769-th') return sandboxError(404, 'no such transaction waiting for the app');
      if (tx.status !== 'pending')
        return json({ error: `the transaction is already ${tx.status}`, code: 'CONFLICT', ...view(engine, tx) }, 409);
      const done = action === 'approve' ? await engine.approve(tx) : engine.reject(tx);
      return json(view(engine, done));
    });
  }
}

/** What the app shows for a transaction: who asks, what for, which documents, until when. */
function view(engine: Engine, tx: TransactionRecord): Record<string, unknown> {
  return {
    tranId: tx.tranId,
    transactionId: tx.transactionId,
    surface: tx.surface,
    partner: engine.partner(tx.spId)?.name ?? tx.spId,
    description: tx.description,
    documents: tx.files.map((f) => ({ docId: f.docId, fileType: f.fileType, name: f.name })),
    status: tx.status,
    createdAt: new Date(tx.createdAt).toISOString(),
    expiresAt: new Date(tx.expiresAt).toISOString(),
  };
}
