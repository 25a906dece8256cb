/**
 * `@smartca-kit/sandbox`: a faithful local VNPT SmartCA. Real CA, real RSA keys and signatures, the
 * SP769 and gateway wire contracts on VNPT's own paths, turns, expiry, webhooks and a virtual phone,
 * all behind one Fetch handler.
 *
 * @packageDocumentation
 */
export { createSandbox, Sandbox, type SandboxOptions } from './sandbox.js';
export {
  SEED_PARTNER_SECRET,
  SEED_PARTNERS,
  SEED_USER_PASSWORD,
  SEED_USERS,
  SEED_WEBHOOK_SECRET,
  seedTotpSecret,
  createSeedState,
  type SeedUser,
} from './seed.js';
export type { SandboxSummary } from './admin/routes.js';
export type { RouteSummary } from './http/router.js';
export type { RetrySchedule, WebhookDelivery } from './engine/webhooks.js';
export { DEFAULT_PRICING } from './commerce/state.js';
export type {
  CommerceState,
  IdempotencyRecord,
  NotificationRecord,
  OrderRecord,
  PendingEventRecord,
  PricingRecord,
  RegistrationRecord,
  RegistrationStatus,
  UsageRecord,
  VerificationCode,
} from './commerce/state.js';
export { SP769_STATUS_MESSAGES } from './sp769/wire.js';
export { TRAN_STATUS_CODES } from './gateway/tran-status.js';
export type {
  Billing,
  CertificateRecord,
  PartnerRecord,
  SandboxState,
  ServicePackRecord,
  TokenRecord,
  TransactionRecord,
  TransactionSurface,
  UserRecord,
} from './state/types.js';
