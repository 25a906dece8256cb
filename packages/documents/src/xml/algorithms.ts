// The URIs of XML Signature and XAdES, and the WebCrypto algorithms behind them.

/** Namespaces. */
export const NS = {
  dsig: 'http://www.w3.org/2000/09/xmldsig#',
  xades: 'http://uri.etsi.org/01903/v1.3.2#',
  excC14n: 'http://www.w3.org/2001/10/xml-exc-c14n#',
} as const;

/** Algorithm and type URIs written into our signatures. */
export const URI = {
  envelopedSignature: 'http://www.w3.org/2000/09/xmldsig#enveloped-signature',
  sha256: 'http://www.w3.org/2001/04/xmlenc#sha256',
  rsaSha256: 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256',
  signedPropertiesType: 'http://uri.etsi.org/01903#SignedProperties',
} as const;

type HashName = 'SHA-1' | 'SHA-256' | 'SHA-384' | 'SHA-512';

/** DigestMethod URIs accepted when verifying documents signed elsewhere. */
export const DIGEST_METHODS: Readonly<Record<string, HashName>> = {
  'http://www.w3.org/2000/09/xmldsig#sha1': 'SHA-1',
  [URI.sha256]: 'SHA-256',
  'http://www.w3.org/2001/04/xmldsig-more#sha384': 'SHA-384',
  'http://www.w3.org/2001/04/xmlenc#sha512': 'SHA-512',
};

/** SignatureMethod URIs accepted when verifying (RSA PKCS#1 v1.5 only: what SmartCA and its peers produce). */
export const SIGNATURE_METHODS: Readonly<Record<string, HashName>> = {
  'http://www.w3.org/2000/09/xmldsig#rsa-sha1': 'SHA-1',
  [URI.rsaSha256]: 'SHA-256',
  'http://www.w3.org/2001/04/xmldsig-more#rsa-sha384': 'SHA-384',
  'http://www.w3.org/2001/04/xmldsig-more#rsa-sha512': 'SHA-512',
};

/** A digest with the named hash, through WebCrypto. */
export async function digest(hash: HashName, bytes: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest(hash, bytes.slice()));
}
