// The revocation reasons by name, apart from the revocation code so that the state's types can name
// them without importing it (state/types.ts ← pki/revocation.ts would be an import circle).

/** The CRL reason codes (RFC 5280 §5.3.1) the admin API accepts, by name. */
export const REVOCATION_REASONS = {
  unspecified: 0,
  keyCompromise: 1,
  affiliationChanged: 3,
  superseded: 4,
  cessationOfOperation: 5,
  certificateHold: 6,
  privilegeWithdrawn: 9,
} as const;

/** A reason name of {@link REVOCATION_REASONS}. */
export type RevocationReason = keyof typeof REVOCATION_REASONS;
