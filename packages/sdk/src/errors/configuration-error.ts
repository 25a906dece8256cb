import { SmartCAError, type BilingualMessage } from './smartca-error.js';

/**
 * The client was set up in a way that cannot work: a missing credential for the API you called, an
 * unknown environment, or a credentialed client created in a browser without
 * `dangerouslyAllowBrowser`.
 *
 * @example
 * ```ts
 * createSmartCA({ environment: 'uat' }).certificates.list({ userId }); // throws: no SP769 credentials
 * ```
 */
export class ConfigurationError extends SmartCAError {
  static override readonly brand: string = 'ConfigurationError';

  /** What the person reads: the developer text names the API's workings. */
  protected static override userMessageFor(): BilingualMessage {
    return {
      vi: 'Trang chưa được thiết lập đúng để ký số. Vui lòng báo cho đơn vị quản lý trang.',
      en: 'This page is not set up correctly for digital signing. Please tell the people who run it.',
    };
  }
}
