/**
 * Field lists and literal values from VNPT's published documents, V1 (SP769, "Tài liệu tích hợp VNPT
 * SMARTCA" §3–4) and V2 (the OAuth2 gateway, "DỊCH VỤ VNPT-SMARTCA – Tài liệu đặc tả" v1.1 §3, §5), as
 * ../shared/reference/smartca-wire-research.md and docs/wire-contract.md collect them, plus the fields
 * real clients read that the documents' examples lack (marked, with the clients in wire-contract.md).
 * The conformance tests hold the sandbox to exactly these names.
 */
export const SP769 = {
  envelope: ['data', 'message', 'status_code'],
  /** V1 §3.2 `data.user_certificates[]`, plus `cert_status_code`, which four real clients select on. */
  certificate: [
    'cert_data',
    'cert_id',
    'cert_status',
    'cert_status_code',
    'cert_subject',
    'cert_valid_from',
    'cert_valid_to',
    'chain_data',
    'serial_number',
    'service_name',
    'service_type',
    'transaction_id',
  ],
  /** V1 §4.2: SmartCA TH's short listing (no service_type, no dates, `root_cert` null). */
  thCertificate: ['cert_data', 'cert_id', 'chain_data', 'serial_number', 'transaction_id'],
  /** V1 §3.2, §4.2. */
  certificatesMessage: 'Success',
  chainData: ['ca_cert', 'root_cert'],
  /** V1 §3.3. */
  signData: ['tran_code', 'transaction_id'],
  signMessage: 'sig_wait_for_user_confirm',
  /** V1 §3.4. */
  statusDoneMessage: 'SUCCESS',
  /** V1 §3.4, plus `expired_in` (seconds left), which real answers carry. */
  statusData: ['expired_in', 'signatures', 'transaction_id'],
  signature: ['doc_id', 'signature_value', 'timestamp_signature'],
  /** V1 §3.5. */
  webhook: ['message', 'signed_files', 'sp_id', 'status_code', 'transaction_id'],
  /** V1 §4.3, §4.4. */
  thSignData: ['expired_in', 'sad', 'tran_code', 'transaction_id'],
  thSadLifetime: 299,
  thConfirmMessage: 'Success',
  thConfirmData: ['expired_in', 'signatures', 'transaction_id'],
  /** V1 §3.1: the HTTP status mirrors status_code; names as spelled by VNPT. */
  errors: { 400: 'BAD_REQUEST', 401: 'SP_CREDENTIAL_INVALID', 403: 'CREDENTIAL_STATUS_INVALID' },
} as const;

export const GATEWAY = {
  /** V2 §3. */
  token: ['access_token', 'expires_in', 'refresh_token', 'scope', 'token_type'],
  tokenType: 'bearer',
  scope: 'email offline_access openid profile sign',
  oauthError: ['error', 'error_description'],
  /** V2 §5. */
  envelope: ['code', 'codeDesc', 'content', 'message'],
  /** V2 §5.2.2: `credentials/info` answers these at the top level, without the envelope. */
  credentialInfo: [
    'authMode',
    'cert',
    'defaultServicePackId',
    'key',
    'multisign',
    'scal',
    'servicePacks',
    'signType',
    'status',
  ],
  key: ['alg', 'len', 'status'],
  cert: ['certificates', 'issuerDN', 'serialNumber', 'status', 'subjectDN', 'validFrom', 'validTo'],
  servicePack: ['admin', 'name', 'servicePackId', 'status', 'type'],
  admin: ['email', 'fullName', 'id', 'phone', 'uid'],
  signHash: ['tranId'],
  tranInfo: [
    'credentialId',
    'documents',
    'refTranId',
    'reqTime',
    'sub',
    'tranId',
    'tranStatus',
    'tranStatusDesc',
    'tranType',
    'tranTypeDesc',
  ],
  tranDocument: ['data', 'dataSigned', 'hash', 'name', 'sig', 'size', 'type', 'url'],
  /** V2 §5.2.5's example: `message` "success", `size` "30KB", `sub` a UUID, `reqTime` ISO-8601. */
  tranInfoMessage: 'success',
  sizeFormat: /^\d+KB$/,
  uuidFormat: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
  isoTimeFormat: /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/,
  /** V2 §5.2.3, §5.2.4. */
  waitingMessage: 'Chờ người dùng xác nhận',
  notify: ['refTranId', 'status', 'tranId'],
  /** V2 §5.2.5. */
  tranStatus: { 1: 'SUCCESS', 4000: 'WAITING_FOR_SIGNER_CONFIRM', 4001: 'EXPIRED', 4002: 'SIGNER_REJECTED' },
  outOfTurns: { code: 65000, codeDesc: 'SERVICE_PACK_EXEED_OR_INVALID' },
  /** `validFrom`/`validTo` example: "20240514073200Z". */
  timeFormat: /^\d{14}Z$/,
} as const;

/** Sorted keys of an object, for comparison with a field list. */
export const keys = (value: unknown): string[] => Object.keys(value as object).sort();
