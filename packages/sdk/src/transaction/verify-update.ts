import type { SmartCACertificate } from '../certificates/certificate.js';
import { verifyCertificate, verifySignature, type CertificateCheckOptions } from '../certificates/verify.js';
import { SignatureVerificationError } from '../errors/signature-verification-error.js';
import type { StatusUpdate } from '../model/status-update.js';
import type { DocumentSignature, DocumentToSign } from '../model/transaction.js';

/** What a signed update is checked against: the transaction's certificate, documents and trust. */
export interface VerificationSubject {
  certificate: SmartCACertificate;
  documents: readonly DocumentToSign[];
  trust: CertificateCheckOptions;
}

/**
 * The signatures of a signed update, once each one verifies: the certificate is valid now and chains
 * to the trusted roots, and every document's signature is RSA over its digest with that key. Matched
 * by `docId` (SP769), else by position (gateway). Pure: whether the update came from a poll or from a
 * webhook anyone could have sent, nothing is believed before this passes.
 *
 * @throws {@link SignatureVerificationError} or the certificate check's error.
 */
export async function verifySignedUpdate(
  update: StatusUpdate,
  subject: VerificationSubject,
): Promise<DocumentSignature[]> {
  await verifyCertificate(subject.certificate, { ...subject.trust, at: new Date() });
  const raw = update.signatures ?? [];
  const signatures: DocumentSignature[] = [];
  for (const [index, doc] of subject.documents.entries()) {
    const found = raw.find((s) => s.docId === doc.docId) ?? (raw[index]?.docId === undefined ? raw[index] : undefined);
    if (!found) {
      throw new SignatureVerificationError({
        reason: 'signature-malformed',
        docId: doc.docId,
        message: {
          vi: `SmartCA không trả về chữ ký cho tài liệu ${doc.docId}.`,
          en: `SmartCA returned no signature for document ${doc.docId}.`,
        },
      });
    }
    await verifySignature(subject.certificate, doc.digest, found.signature, doc.docId);
    signatures.push({
      docId: doc.docId,
      digest: doc.digest,
      signature: found.signature,
      timestampSignature: found.timestampSignature,
    });
  }
  return signatures;
}
