import { readForm } from '../http/body.js';
import { html } from '../http/reply.js';
import type { Router } from '../http/router.js';
import type { Commerce } from './commerce.js';
import { expire, pay } from './orders.js';
import { PAYMENT_STYLE, paymentCsp, paymentPage, returnTarget } from './pay-page.js';

const OUTCOMES = new Set(['approve', 'decline', 'abandon']);

/**
 * The sandbox playing the payment gateway: `GET /pay/{orderId}` shows the order with approve, decline
 * and abandon; `POST /pay/{orderId}` (`action=approve|decline|abandon`) settles it and redirects (303)
 * to the partner's `returnUrl?orderId=…&status=…`. Posting again (a double click, a reload) changes
 * nothing and redirects the same way.
 */
export function registerPayRoutes(router: Router, c: Commerce): void {
  router.on(
    'GET',
    '/pay/style.css',
    () =>
      new Response(PAYMENT_STYLE, {
        headers: { 'content-type': 'text/css; charset=utf-8' },
      }),
  );

  router.on(
    'GET',
    '/pay/:orderId',
    ({ params }) => {
      const order = c.state.orders.find((o) => o.orderId === params.orderId);
      if (!order) return html('<!doctype html><p>Không tìm thấy đơn hàng.</p>', 404);
      expire(c, order);
      const pricing = c.state.pricing.find((p) => p.pricingCode === order.pricingCode);
      const merchant = c.engine.partner(order.spId)?.name ?? order.spId;
      const item = `${pricing?.name ?? order.pricingCode} × ${order.quantity}`;
      return html(paymentPage(order, merchant, item), 200, {
        'content-security-policy': paymentCsp(order),
        'cache-control': 'no-store',
        'referrer-policy': 'no-referrer',
      });
    },
    { mutates: true },
  );

  router.on('POST', '/pay/:orderId', async ({ request, params }) => {
    const order = c.state.orders.find((o) => o.orderId === params.orderId);
    if (!order) return html('<!doctype html><p>Không tìm thấy đơn hàng.</p>', 404);
    const form = await readForm(request);
    const action = form.ok ? (form.value.get('action') ?? '') : '';
    if (!OUTCOMES.has(action)) return html('<!doctype html><p>action must be approve, decline or abandon</p>', 400);
    pay(c, order, action as 'approve' | 'decline' | 'abandon');
    return new Response(null, { status: 303, headers: { location: returnTarget(order), 'cache-control': 'no-store' } });
  });
}
