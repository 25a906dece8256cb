/**
 * `@smartca-kit/sdk`: a typed client for VNPT SmartCA's partner APIs (SP769 and the OAuth2 gateway),
 * with one transaction model, signature verification, retries and typed bilingual errors.
 *
 * @packageDocumentation
 */
export { createSmartCA, SmartCA, type SmartCAOptions } from './client.js';
export {
  ENVIRONMENT_ORIGINS,
  resolveEnvironment,
  type ResolvedEndpoints,
  type SmartCAEnvironment,
  type SurfacePaths,
} from './environment.js';
export type { SmartCALogEntry, SmartCALogger } from './logger.js';
export type { Sp769Credentials } from './protocol/sp769/api.js';
export type { GatewayClientCredentials } from './protocol/gateway/api.js';
export { TRAN_STATUS } from './protocol/gateway/status.js';

export * from './errors/index.js';

export {
  loadX509,
  SmartCACertificate,
  toPem,
  UID_OID,
  type CertificateListing,
  type KeyUsage,
  type ServiceType,
  type SubjectIdentity,
} from './certificates/certificate.js';
export { filterCertificates, selectCertificate, type CertificateCriteria } from './certificates/select.js';
export {
  verifyCertificate,
  verifySignature,
  type CertificateCheck,
  type CertificateCheckOptions,
  type TrustAnchor,
} from './certificates/verify.js';
export { generateTotp, type TotpOptions } from './crypto/totp.js';

export { SigningTransaction, type RefreshOptions, type WaitOptions } from './transaction/signing-transaction.js';
export { type StatusUpdate, type TransactionDriver } from './model/status-update.js';
export type { PollSchedule } from './transaction/poll-schedule.js';
export { MAX_DOCUMENTS_PER_TRANSACTION, validateDocuments } from './transaction/validate.js';
export type {
  DocumentSignature,
  DocumentToSign,
  RequestOptions,
  SignedTransaction,
  Surface,
  TransactionSnapshot,
  TransactionStatus,
} from './model/transaction.js';

export {
  CertificatesResource,
  type ListCertificatesParams,
  type SelectCertificateParams,
  type SignerParams,
} from './resources/certificates.js';
export { SignaturesResource, type ResumeParams, type SignParams } from './resources/signatures.js';
export { ThSignaturesResource, type ThAuthorization, type ThSignParams } from './resources/th-signatures.js';
export { GatewayResource, type GatewaySessionOptions } from './resources/gateway.js';
export { type GatewayGrant } from './model/gateway.js';
export { GATEWAY_SCOPE } from './protocol/gateway/map.js';
export {
  GatewaySession,
  MAX_FILES_PER_TRANSACTION,
  type SignFilesParams,
  type SignHashParams,
} from './resources/gateway-session.js';
export { type GatewayTokens } from './model/gateway.js';
export { FileSigningTransaction, type SignedFileSource } from './transaction/file-signing-transaction.js';
export { type FileToSign, type SignedFile, type SignedFiles } from './model/files.js';
export type { GatewayCredential, ServicePack } from './model/gateway.js';
export {
  PdfHelperResource,
  type CalculateHashParams,
  type HashSession,
  type NamedSignedPdf,
  type PdfHelperResult,
  type PdfHelperSignParams,
  type SignExternalParams,
} from './resources/pdf-helper.js';
export { type PdfHelperFile } from './model/pdf-helper.js';
export type {
  ExternalSignature,
  HashedFile,
  PdfHelperAppearance,
  PdfPlacement,
  SignedPdf,
} from './model/pdf-helper.js';
export { WebhooksResource } from './resources/webhooks.js';
export type {
  DeliveryLog,
  IdempotencyBegin,
  IdempotencyRecord,
  IdempotencyRecords,
  Lease,
  Leases,
  SmartCAStore,
  StoreListener,
  StoreSubscription,
  TransactionStates,
} from './model/store.js';
export { createMemoryStore, MemoryStore } from './store/memory-store.js';
export {
  type GatewayNotifyEvent,
  type Sp769WebhookEvent,
  type WebhookBody,
  type WebhookReceipt,
} from './model/webhooks.js';
export { bytesToHex, hexToBytes, bytesToBase64, bytesToBase64Url, base64ToBytes } from './internal/bytes.js';

// Commerce: smartca-kit's partner API for packages, payments and registration (not VNPT's).
export { PackagesResource, type BalanceParams, type UsageParams } from './resources/packages.js';
export { PaymentsResource, type CreateOrderParams, type WaitForOrderOptions } from './resources/payments.js';
export {
  RegistrationsResource,
  type EkycImages,
  type StepOptions,
  type WaitForRegistrationOptions,
} from './resources/registrations.js';
export type {
  Catalog,
  CertificateBalance,
  CertificatePackage,
  Order,
  OrderStatus,
  PackageBilling,
  PaymentMethod,
  Registration,
  RegistrationDocument,
  RegistrationParams,
  RegistrationStatus,
  TurnPack,
  UsageEntry,
} from './model/commerce.js';
export { CERTIFICATE_STATE, certificateState } from './protocol/commerce/certificate-state.js';
export type { CertificateState, CertificateStateCode, CertificateStateName } from './model/certificate-state.js';
export { COMMERCE_CODES, type CommerceCodeName } from './protocol/commerce/codes.js';
export { COMMERCE_SCOPE } from './protocol/commerce/api.js';
export {
  createWebhookSignatureHeader,
  DEFAULT_WEBHOOK_TOLERANCE_SECONDS,
  verifyWebhook,
  WEBHOOK_SIGNATURE_HEADER,
  type CommerceEvent,
  type VerifyWebhookOptions,
  type WebhookHeaders,
  type WebhookReplayStore,
} from './commerce/webhook-signature.js';
export { fail, pass, orThrow, type FieldCheck } from './commerce/validation/field-check.js';
export {
  checkDateOfBirth,
  checkIdNumber,
  type Gender,
  type IdDocumentType,
  type IdNumberFacts,
} from './commerce/validation/citizen-id.js';
export { PROVINCE_CODES } from './commerce/validation/provinces.js';
export { checkFullName, type FullNameCheck, type ToneMarkAlternative } from './commerce/validation/full-name.js';
export { checkAddress, checkEmail, checkMobileNumber } from './commerce/validation/contact.js';
export {
  checkEkycImage,
  EKYC_IMAGE_LIMITS,
  inspectImage,
  type EkycImageRole,
  type ImageInfo,
} from './commerce/validation/image.js';
export {
  checkCode,
  checkNewPassword,
  checkRegistration,
  checkRegistrationFields,
  checkVerificationCode,
  REGISTRATION_FIELD_NAMES,
  validateRegistration,
  type CheckedRegistration,
  type RegistrationFields,
} from './commerce/validation/registration.js';
export {
  checkPaymentMethod,
  checkPricingCode,
  checkQuantity,
  checkReturnUrl,
  MAX_ORDER_QUANTITY,
  PAYMENT_METHODS,
} from './commerce/validation/order.js';
