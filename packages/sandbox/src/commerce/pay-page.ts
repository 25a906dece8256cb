import { escapeHtml } from '../http/reply.js';
import type { OrderRecord } from './state.js';

const METHOD_NAMES: Record<string, string> = {
  VNPTMONEY: 'Ví VNPT Money',
  CREDIT_CARD: 'Thẻ tín dụng',
  ATM_NAPAS: 'Thẻ ATM nội địa (NAPAS)',
};
const STATUS_NAMES: Record<OrderRecord['status'], string> = {
  PENDING: 'Chờ thanh toán',
  PAID: 'Đã thanh toán',
  DECLINED: 'Bị từ chối',
  ABANDONED: 'Đã hủy',
  EXPIRED: 'Hết hạn',
};

/**
 * The sandbox's hosted payment page: plain HTML forms and a same-origin stylesheet, no script at all,
 * so it runs under a CSP of `default-src 'none'`. Every server string is escaped.
 */
export function paymentPage(order: OrderRecord, merchant: string, item: string): string {
  const amount = `${order.amount.toLocaleString('vi-VN')} ₫`;
  const pending = order.status === 'PENDING';
  const actions = pending
    ? `<form method="post" action="/pay/${encodeURIComponent(order.orderId)}">
<button class="approve" name="action" value="approve">Thanh toán ${escapeHtml(amount)}</button>
<button class="decline" name="action" value="decline">Từ chối (giả lập ngân hàng từ chối)</button>
<button class="abandon" name="action" value="abandon">Hủy và quay lại</button></form>`
    : `<p role="status">Đơn hàng: ${escapeHtml(STATUS_NAMES[order.status])}.</p>
<p><a href="${escapeHtml(returnTarget(order))}">Quay lại trang đối tác</a></p>`;
  return `<!doctype html><html lang="vi"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Thanh toán VNPT SmartCA (sandbox)</title><link rel="stylesheet" href="/pay/style.css"></head>
<body><main><h1>Cổng thanh toán <small>(sandbox)</small></h1>
<dl><dt>Đơn vị</dt><dd>${escapeHtml(merchant)}</dd><dt>Dịch vụ</dt><dd>${escapeHtml(item)}</dd>
<dt>Số tiền</dt><dd>${escapeHtml(amount)}</dd><dt>Hình thức</dt><dd>${escapeHtml(METHOD_NAMES[order.paymentMethod] ?? order.paymentMethod)}</dd>
<dt>Mã đơn hàng</dt><dd>${escapeHtml(order.orderId)}</dd></dl>
${actions}</main></body></html>`;
}

/** The page's stylesheet. */
export const PAYMENT_STYLE = `body{font-family:system-ui,sans-serif;background:#f4f6fa;color:#102a43;margin:0}
main{max-width:460px;margin:24px auto;background:#fff;border-radius:12px;padding:20px;box-shadow:0 1px 4px #0002}
h1{font-size:1.2rem;color:#0b5cad} dl{display:grid;grid-template-columns:auto 1fr;gap:6px 12px} dt{color:#486581}
dd{margin:0;font-weight:600} button{display:block;width:100%;margin:8px 0;padding:10px;font-size:1rem;border:0;border-radius:8px;cursor:pointer}
.approve{background:#0b5cad;color:#fff}.decline{background:#d64545;color:#fff}.abandon{background:#e4e7eb}`;

/** Where the user goes back to: the partner's `returnUrl` with the order id and its status. */
export function returnTarget(order: OrderRecord): string {
  const target = new URL(order.returnUrl);
  target.searchParams.set('orderId', order.orderId);
  target.searchParams.set('status', order.status.toLowerCase());
  return target.toString();
}

/**
 * The page's CSP: nothing but itself. Form posts may go to the page and, because the answer redirects
 * there, to the partner's return origin. `img-src 'self'` only for the browser's own favicon request:
 * Firefox asks for /favicon.ico on every page and reports the refusal as a CSP violation.
 */
export function paymentCsp(order: OrderRecord): string {
  return (
    `default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self' ${new URL(order.returnUrl).origin}; ` +
    "frame-ancestors 'none'; base-uri 'none'"
  );
}
