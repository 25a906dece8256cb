// The digest and signature algorithm identifiers verification reads from CMS made elsewhere (openssl,
// Adobe, other CAs' tools), beyond the few in oids.ts that SmartCA's own signatures use.

/** WebCrypto's hash names. */
export type HashName = 'SHA-1' | 'SHA-256' | 'SHA-384' | 'SHA-512';

/** Digest algorithm OIDs. */
export const DIGEST_OIDS: Readonly<Record<string, HashName>> = {
  '1.3.14.3.2.26': 'SHA-1',
  '2.16.840.1.101.3.4.2.1': 'SHA-256',
  '2.16.840.1.101.3.4.2.2': 'SHA-384',
  '2.16.840.1.101.3.4.2.3': 'SHA-512',
};

/** RSA PKCS#1 v1.5 signature OIDs and the hash each names (`rsaEncryption` takes the digest algorithm's). */
export const RSA_PKCS1_OIDS: Readonly<Record<string, HashName | undefined>> = {
  '1.2.840.113549.1.1.1': undefined,
  '1.2.840.113549.1.1.5': 'SHA-1',
  '1.2.840.113549.1.1.11': 'SHA-256',
  '1.2.840.113549.1.1.12': 'SHA-384',
  '1.2.840.113549.1.1.13': 'SHA-512',
};

/** ECDSA signature OIDs (`id-ecPublicKey` as a signature algorithm, as some signers write, takes the digest's). */
export const ECDSA_OIDS: Readonly<Record<string, HashName | undefined>> = {
  '1.2.840.10045.2.1': undefined,
  '1.2.840.10045.4.1': 'SHA-1',
  '1.2.840.10045.4.3.2': 'SHA-256',
  '1.2.840.10045.4.3.3': 'SHA-384',
  '1.2.840.10045.4.3.4': 'SHA-512',
};

export const RSASSA_PSS_OID = '1.2.840.113549.1.1.10';
export const MGF1_OID = '1.2.840.113549.1.1.8';
export const SUBJECT_KEY_IDENTIFIER_OID = '2.5.29.14';

/** Named curves WebCrypto verifies with, and their field size in bytes (the width of r and of s). */
export const CURVES: Readonly<Record<string, { name: 'P-256' | 'P-384' | 'P-521'; size: number }>> = {
  '1.2.840.10045.3.1.7': { name: 'P-256', size: 32 },
  '1.3.132.0.34': { name: 'P-384', size: 48 },
  '1.3.132.0.35': { name: 'P-521', size: 66 },
};
