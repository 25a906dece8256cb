import { SmartCAError } from './smartca-error.js';

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
}
