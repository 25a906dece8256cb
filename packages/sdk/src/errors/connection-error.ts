import { SmartCAError, type BilingualMessage } from './smartca-error.js';

/**
 * The SDK could not reach SmartCA (DNS, refused or dropped connection, TLS failure), after the retries
 * that were safe for that call. `cause` holds the platform's error.
 *
 * @example
 * ```ts
 * catch (error) {
 *   if (error instanceof ConnectionError) console.error('network', error.cause);
 * }
 * ```
 */
export class ConnectionError extends SmartCAError {
  static override readonly brand: string = 'ConnectionError';

  /** What the person reads: the developer text names the API's workings. */
  protected static override userMessageFor(): BilingualMessage {
    return {
      vi: 'Chưa kết nối được tới SmartCA. Vui lòng thử lại sau ít phút.',
      en: 'SmartCA could not be reached. Please try again in a few minutes.',
    };
  }
}
