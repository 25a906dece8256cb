/**
 * `@smartca-kit/sdk/relay-client`: the browser side of the relay contract, with no secret and no
 * heavy dependency (no X.509, no full zod). `<smartca-sign>` is built on it; use it directly for a
 * custom signing UI.
 *
 * @packageDocumentation
 */
export {
  createRelayClient,
  RelayClient,
  type RelayCallOptions,
  type RelayClientOptions,
} from './relay/client/relay-client.js';
export { RelayRequestError } from './errors/relay-request-error.js';
export { SmartCAError, isSmartCAError, type BilingualMessage } from './errors/smartca-error.js';
export * from './relay/contract/index.js';
