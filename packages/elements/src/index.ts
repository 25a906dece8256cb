/**
 * `@smartca-kit/elements`: embeddable web components for VNPT SmartCA, built with Lit. This entry has
 * no side effects: it exports the classes, events and translations. Register the tags with
 * `import '@smartca-kit/elements/smartca-sign.js'` and `'@smartca-kit/elements/smartca-buy-turns.js'`, or load the single-file CDN bundle
 * `smartca-elements.min.js`.
 *
 * @packageDocumentation
 */
export { SmartCASign, type SignState } from './sign/smartca-sign.component.js';
export type { SignPhase } from './sign/sign-flow.js';
export { SmartCABuyTurns } from './buy/smartca-buy-turns.component.js';
export type { BuyPhase } from './buy/buy-flow.js';
export { SmartCASignStartEvent, type SmartCASignStartDetail } from './events/sign-start.js';
export { SmartCASignPendingEvent, type SmartCASignPendingDetail } from './events/sign-pending.js';
export { SmartCASignCompleteEvent, type SmartCASignCompleteDetail } from './events/sign-complete.js';
export { SmartCASignCancelEvent, type SmartCASignCancelDetail } from './events/sign-cancel.js';
export { SmartCASignExpireEvent, type SmartCASignExpireDetail } from './events/sign-expire.js';
export { SmartCAErrorEvent, type SmartCAErrorDetail } from './events/error.js';
export { SmartCAPurchaseRedirectEvent, type SmartCAPurchaseRedirectDetail } from './events/purchase-redirect.js';
export { SmartCAPurchaseCompleteEvent, type SmartCAPurchaseCompleteDetail } from './events/purchase-complete.js';
export type { SignTranslation } from './translations/translation.js';
export { vi } from './translations/vi.js';
export { en } from './translations/en.js';
export type { BuyTurnsTranslation } from './translations/buy-turns-translation.js';
export { buyTurnsVi } from './translations/buy-turns-vi.js';
export { buyTurnsEn } from './translations/buy-turns-en.js';
export { RELAY_ERROR_CODES } from '@smartca-kit/sdk/relay-client';
