import type { SignedDocument, SignedFormat } from './source/signed-document.js';

/**
 * A document between "prepare" and "finish": everything is computed except the signature. Send
 * {@link digestToSign} to SmartCA (it is the SHA-256 of the DER signed attributes, or of the XML
 * SignedInfo, never of the file), then pass the raw PKCS#1 v1.5 signature to {@link finish}.
 */
export interface PreparedDocument {
  /** What {@link finish} writes. */
  readonly format: SignedFormat;
  /** The 32-byte digest SmartCA must sign. */
  readonly digestToSign: Uint8Array;
  /** Verifies the raw signature, wraps it and returns the signed document. */
  finish(signature: Uint8Array): Promise<SignedDocument>;
}
