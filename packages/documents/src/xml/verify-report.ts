import type { CertificateSummary } from '../cms/verify-signed-data.js';

/** One `ds:Reference` of a signature, as {@link verifyXml} found it. */
export interface XmlReferenceReport {
  /** The `URI`: `''` is the whole document, `#id` one element. */
  uri: string | undefined;
  /** The `Type`, e.g. `http://uri.etsi.org/01903#SignedProperties` for XAdES. */
  type: string | undefined;
  /** The DigestMethod algorithm URI. */
  digestAlgorithm: string | undefined;
  /** The transform algorithm URIs, in order. */
  transforms: string[];
  /** The referenced content, transformed, hashes to the DigestValue. */
  digestValid: boolean;
  /** Why the digest did not check out (unsupported transform, missing Id, changed content…). */
  problem: string | undefined;
  /** When the problem is an algorithm this verifier does not implement (a transform or digest), its URI. */
  unsupportedAlgorithm: string | undefined;
}

/** What XAdES qualifying properties a signature carries. */
export interface XadesReport {
  /** A valid reference of the signature covers the SignedProperties (so they are signed). */
  signedPropertiesCovered: boolean;
  /** SigningCertificate(V2) names the certificate that verified the signature (by its digest). */
  signingCertificateMatches: boolean;
  /** The SigningTime property. */
  signingTime: Date | undefined;
}

/** What {@link verifyXml} found about one `ds:Signature`. */
export interface XmlSignatureReport {
  /** The Signature's `Id`. */
  id: string | undefined;
  /**
   * Every reference's digest matches, the signature value verifies with the signer's key and, for
   * XAdES, the SignedProperties are signed and name the signer certificate. Trust is separate:
   * see {@link trusted}.
   */
  valid: boolean;
  /** The SignatureValue verifies over the canonical SignedInfo with the signer certificate's key. */
  signatureValid: boolean;
  /** The SignatureMethod algorithm URI. */
  signatureAlgorithm: string | undefined;
  /** The SignedInfo CanonicalizationMethod algorithm URI. */
  canonicalization: string | undefined;
  /** Each reference and its digest check. */
  references: XmlReferenceReport[];
  /**
   * A valid reference covers the whole document (`URI=""`), this signature excepted through the
   * enveloped-signature transform: nothing outside the Signature can change unnoticed.
   */
  coversWholeDocument: boolean;
  /** The certificate whose key verifies the signature (else the leaf of KeyInfo); `undefined` without any. */
  signer: CertificateSummary | undefined;
  /** The path built from the KeyInfo certificates (and `trustedRoots`): signer first. */
  chain: CertificateSummary[];
  /** Every certificate in {@link chain} is signed by the next, and the last is self-signed. */
  chainComplete: boolean;
  /** The chain ends at one of `trustedRoots`. `undefined` when no roots were given. */
  trusted: boolean | undefined;
  /** The signed SigningTime (XAdES, or a SigningTime inside a signed ds:Object as e-invoices write). */
  signingTime: Date | undefined;
  /** The signer certificate was valid at the signing time (or now, when there is none). */
  certificateValidAtSigning: boolean;
  /** XAdES properties, when the signature has QualifyingProperties. */
  xades: XadesReport | undefined;
  /** Everything that made the signature invalid or unverifiable, in English, one item each. */
  problems: string[];
}

/** The outcome of `verifyXml`. */
export interface XmlVerification {
  /** At least one signature, and every one valid. */
  valid: boolean;
  /** One report per `ds:Signature`, in document order. */
  signatures: XmlSignatureReport[];
}
