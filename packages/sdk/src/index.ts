/**
 * `@smartca-kit/sdk`: a typed client for VNPT SmartCA's partner APIs (SP769 and the OAuth2 gateway),
 * with one transaction model, signature verification, retries and typed bilingual errors.
 *
 * @packageDocumentation
 */
export { createSmartCA, SmartCA, type SmartCAOptions } from './client.js';
export {
  ENVIRONMENT_ORIGINS, resolveEnvironment, type ResolvedEndpoints, type SmartCAEnvironment, type SurfacePaths,
} from './environment.js';
export type { SmartCALogEntry, SmartCALogger } from './logger.js';
export type { Sp769Credentials } from './protocol/sp769/api.js';
export type { GatewayClientCredentials } from './protocol/gateway/api.js';
export { TRAN_STATUS } from './protocol/gateway/status.js';

export * from './errors/index.js';

export {
  SmartCACertificate, toPem, UID_OID, type CertificateListing, type KeyUsage, type ServiceType, type SubjectIdentity,
} from './certificates/certificate.js';
export { filterCertificates, selectCertificate, type CertificateCriteria } from './certificates/select.js';
export {
  verifyCertificate, verifySignature, type CertificateCheck, type CertificateCheckOptions, type TrustAnchor,
} from './certificates/verify.js';
export { generateTotp, type TotpOptions } from './crypto/totp.js';

export {
  SigningTransaction, type StatusUpdate, type TransactionDriver, type WaitOptions,
} from './transaction/signing-transaction.js';
export type { PollSchedule } from './transaction/poll-schedule.js';
export { MAX_DOCUMENTS_PER_TRANSACTION, validateDocuments } from './transaction/validate.js';
export type {
  DocumentSignature, DocumentToSign, RequestOptions, SignedTransaction, Surface, TransactionSnapshot, TransactionStatus,
} from './transaction/types.js';

export {
  CertificatesResource, type ListCertificatesParams, type SelectCertificateParams, type SignerParams,
} from './resources/certificates.js';
export { SignaturesResource, type ResumeParams, type SignParams } from './resources/signatures.js';
export { ThSignaturesResource, type ThAuthorization, type ThSignParams } from './resources/th-signatures.js';
export { GatewayResource, type GatewayGrant, type GatewaySessionOptions } from './resources/gateway.js';
export { GATEWAY_SCOPE } from './protocol/gateway/map.js';
export { GatewaySession, type GatewayTokens, type SignHashParams } from './resources/gateway-session.js';
export type { GatewayCredential, ServicePack } from './resources/gateway-credential.js';
export {
  WebhooksResource, type GatewayNotifyEvent, type Sp769WebhookEvent, type WebhookBody, type WebhookReceipt,
} from './resources/webhooks.js';
export { bytesToHex, hexToBytes, bytesToBase64, bytesToBase64Url, base64ToBytes } from './internal/bytes.js';
