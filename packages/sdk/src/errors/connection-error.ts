import { SmartCAError } from './smartca-error.js';

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
}
