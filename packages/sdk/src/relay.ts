/**
 * `@smartca-kit/sdk/relay`: the server half of `<smartca-sign>`. A Fetch handler that keeps SmartCA's
 * partner secrets on the server, stateless HMAC session tokens bound to one user, one purpose, the
 * document digests and the allowed origins, and adapters for Node's `http` and Express.
 *
 * @packageDocumentation
 */
export { createRelay, Relay } from './relay/server/create-relay.js';
export { type RelayOptions, type RelaySessionParams, type RelaySignedEvent } from './relay/server/relay-options.js';
export {
  createSessionToken,
  verifySessionToken,
  type CreateSessionTokenParams,
  type SessionDocumentInput,
  type SessionGrant,
  type VerifySessionTokenOptions,
} from './relay/server/session-token.js';
export {
  toExpressMiddleware,
  toNodeListener,
  type ExpressRequestFields,
  type FetchHandler,
} from './relay/server/node-adapter.js';
export type { RelayRoute, RouteContext } from './relay/server/route-kit.js';
export { SessionRefusedError } from './errors/session-refused-error.js';
export * from './relay/contract/index.js';
