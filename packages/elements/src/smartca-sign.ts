/**
 * Registers `<smartca-sign>`. Import this module for its side effect; import the class from the
 * package root instead to register it under another name or in a scoped registry.
 *
 * @example
 * ```ts
 * import '@smartca-kit/elements/smartca-sign.js';
 * ```
 */
import { defineOnce } from './internal/define.js';
import { SmartCASign } from './sign/smartca-sign.component.js';

defineOnce('smartca-sign', SmartCASign);

export { SmartCASign };

declare global {
  interface HTMLElementTagNameMap {
    'smartca-sign': SmartCASign;
  }
}
