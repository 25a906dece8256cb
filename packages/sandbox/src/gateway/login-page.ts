import { escapeHtml } from '../http/reply.js';

/** The sandbox's stand-in for VNPT's login page in the authorization-code grant. */
export function loginPage(params: URLSearchParams, error?: string): string {
  const hidden = ['response_type', 'client_id', 'redirect_uri', 'state', 'scope']
    .map((name) => `<input type="hidden" name="${name}" value="${escapeHtml(params.get(name) ?? '')}">`)
    .join('');
  return `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>Đăng nhập VNPT SmartCA (sandbox)</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body><main><h1>Đăng nhập VNPT SmartCA <small>(sandbox)</small></h1>
<p>Ứng dụng <strong>${escapeHtml(params.get('client_id') ?? '')}</strong> yêu cầu quyền ký số (${escapeHtml(params.get('scope') ?? '')}).</p>
${error ? `<p role="alert">${escapeHtml(error)}</p>` : ''}
<form method="post" action="authorize">${hidden}
<label>Tài khoản (CCCD/CMND) <input name="username" autocomplete="username" required></label>
<label>Mật khẩu <input name="password" type="password" autocomplete="current-password" required></label>
<button type="submit">Đăng nhập và cho phép</button></form></main></body></html>`;
}
