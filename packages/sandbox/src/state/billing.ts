/** How a certificate's signing is paid for: per turn, or unlimited for the certificate's life. */
export type Billing = 'per-turn' | 'unlimited';
