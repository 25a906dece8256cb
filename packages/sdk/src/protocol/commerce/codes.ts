/**
 * Result codes of smartca-kit's commerce API, placed in VNPT's families: 3xxxx the client's input,
 * 60xxx credentials (registration creates one), 63xxx authentication, 64xxx files, 65xxx service packs.
 * Codes VNPT already defines (30000, 50000, 60000, 60001, 63000) keep VNPT's meaning.
 */
export const COMMERCE_CODES = {
  /** Success. */
  SUCCESS: 0,
  /** A field is missing or wrong; `content.field` names it. */
  CLIENT_INPUT_INVALID: 30000,
  /** A mutating call came without an `Idempotency-Key` header. */
  IDEMPOTENCY_KEY_REQUIRED: 30001,
  /** The `Idempotency-Key` was already used for a different request. */
  IDEMPOTENCY_KEY_REUSED: 30002,
  /** A request with the same `Idempotency-Key` is still being processed (HTTP 409: retry). */
  IDEMPOTENCY_REQUEST_IN_PROGRESS: 30003,
  /** An unexpected failure. VNPT's spelling. */
  SERVAR_INTERNAL_ERROR: 50000,
  /** No certificate with that id or serial number. */
  CREDENTIAL_NOT_EXIST: 60000,
  /** The certificate belongs to someone else. */
  CREDENTIAL_NOT_MATCH_IDENTITY: 60001,
  /** The certificate cannot sign: expired, revoked, or not yet accepted. VNPT's code. */
  CREDENTIAL_STATUS_INVALID: 60003,
  /** No registration with that id for this partner. */
  REGISTRATION_NOT_FOUND: 60100,
  /** The person already holds a SmartCA certificate. */
  PERSON_ALREADY_REGISTERED: 60101,
  /** The device already has an active SmartCA account of another person. */
  DEVICE_ALREADY_ACTIVE: 60102,
  /** The person already has a registration under way. */
  REGISTRATION_IN_PROGRESS: 60103,
  /** The registration is not at the step this call belongs to. */
  REGISTRATION_STEP_INVALID: 60104,
  /** The partner token is missing, expired or not a client-credentials token. VNPT's name. */
  SIGNER_AUTHENTICATION_FAILED: 63000,
  /** The activation code or OTP is wrong or expired; `content.attemptsLeft` says how many tries remain. */
  VERIFICATION_CODE_INVALID: 63100,
  /** Too many wrong codes: locked for five minutes (`content.lockedUntil`). */
  VERIFICATION_LOCKED: 63101,
  /** An eKYC image is not an acceptable JPEG/PNG; `content.reason` says why. */
  EKYC_IMAGE_INVALID: 64100,
  /** The eKYC images do not match each other or the person; `content.reason` says why. */
  EKYC_MISMATCH: 64101,
  /** The acceptance record's signature does not verify with the new certificate. */
  ACCEPTANCE_SIGNATURE_INVALID: 64102,
  /** No package or turn pack with that `pricingCode`. */
  PRICING_NOT_FOUND: 65100,
  /** No order with that id for this partner. */
  ORDER_NOT_FOUND: 65101,
  /** The package does not fit the certificate (turns for an unlimited one, or a certificate package). */
  PRICING_NOT_APPLICABLE: 65102,
  /** The order can no longer be paid: it is paid, declined, abandoned or expired. */
  ORDER_NOT_PAYABLE: 65103,
} as const;

/** A name of {@link COMMERCE_CODES}. */
export type CommerceCodeName = keyof typeof COMMERCE_CODES;
