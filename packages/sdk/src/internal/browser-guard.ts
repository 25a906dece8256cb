import { ConfigurationError } from '../errors/configuration-error.js';

/**
 * Refuses to build a credentialed client in a browser: `sp_password` and the gateway client secret
 * would be readable by anyone who opens DevTools (openai-node #97, stripe-node #139). Portals use the
 * relay and a short-lived session token instead. Web workers count as browsers too.
 */
export function assertServerSide(allowBrowser: boolean | undefined): void {
  if (allowBrowser) return;
  const g = globalThis as { window?: unknown; document?: unknown; WorkerGlobalScope?: unknown; process?: unknown };
  const inBrowser =
    (typeof g.window !== 'undefined' && typeof g.document !== 'undefined') ||
    (typeof g.WorkerGlobalScope !== 'undefined' && typeof g.process === 'undefined');
  if (!inBrowser) return;
  throw new ConfigurationError({
    code: 'BROWSER_NOT_ALLOWED',
    message: {
      vi:
        'Không dùng thông tin xác thực SmartCA trong trình duyệt: mật khẩu đối tác sẽ bị lộ. ' +
        'Hãy gọi SmartCA từ máy chủ (relay), hoặc đặt dangerouslyAllowBrowser: true nếu bạn hiểu rủi ro.',
      en:
        'Refusing to use SmartCA credentials in a browser: the partner secret would be exposed. ' +
        'Call SmartCA from your server (the relay), or pass dangerouslyAllowBrowser: true if you accept the risk.',
    },
  });
}
