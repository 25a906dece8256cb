/**
 * `@smartca-kit/elements`: embeddable web components for VNPT SmartCA, built with Lit. This entry has
 * no side effects: it exports the classes, events and translations. Register the tags with
 * `import '@smartca-kit/elements/smartca-sign.js'`, or load the single-file CDN bundle
 * `smartca-elements.min.js`.
 *
 * @packageDocumentation
 */
export { SmartCASign } from './sign/smartca-sign.component.js';
export type { SignPhase } from './sign/sign-flow.js';
export { SmartCASignStartEvent, type SmartCASignStartDetail } from './events/sign-start.js';
export { SmartCASignPendingEvent, type SmartCASignPendingDetail } from './events/sign-pending.js';
export { SmartCASignCompleteEvent, type SmartCASignCompleteDetail } from './events/sign-complete.js';
export { SmartCASignCancelEvent, type SmartCASignCancelDetail } from './events/sign-cancel.js';
export { SmartCASignExpireEvent, type SmartCASignExpireDetail } from './events/sign-expire.js';
export { SmartCAErrorEvent, type SmartCAErrorDetail } from './events/error.js';
export type { SignTranslation } from './translations/translation.js';
export { vi } from './translations/vi.js';
export { en } from './translations/en.js';
export { RELAY_ERROR_CODES } from '@smartca-kit/sdk/relay-client';
