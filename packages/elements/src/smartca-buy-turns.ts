/**
 * Registers `<smartca-buy-turns>`. Import this module for its side effect; import the class from the
 * package root instead to register it under another name or in a scoped registry.
 *
 * @example
 * ```ts
 * import '@smartca-kit/elements/smartca-buy-turns.js';
 * ```
 */
import { SmartCABuyTurns } from './buy/smartca-buy-turns.component.js';
import { defineOnce } from './internal/define.js';

defineOnce('smartca-buy-turns', SmartCABuyTurns);

export { SmartCABuyTurns };

declare global {
  interface HTMLElementTagNameMap {
    'smartca-buy-turns': SmartCABuyTurns;
  }
}
