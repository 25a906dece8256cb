import { SignatureVerificationError } from '@smartca-kit/sdk/core';
import { rsaVerifyKey } from './certificate-info.js';
import type { SignedAttributes } from './signed-attributes.js';
import type { ResolvedSigner } from './signer.js';

/**
 * Refuses a raw signature that does not verify over the signed attributes with the signer's key,
 * before it is embedded: a wrong signature must never produce a document that looks signed. Any
 * signed bytes work (`der`): the XML signer passes the canonical SignedInfo.
 */
export async function checkRawSignature(
  signer: ResolvedSigner,
  signed: Pick<SignedAttributes, 'der'>,
  signature: Uint8Array,
  docId?: string,
): Promise<void> {
  let valid = false;
  try {
    valid = await crypto.subtle.verify(
      'RSASSA-PKCS1-v1_5',
      await rsaVerifyKey(signer.certificate),
      signature.slice(),
      signed.der.slice(),
    );
  } catch {
    valid = false;
  }
  if (!valid) {
    throw new SignatureVerificationError({
      reason: 'signature-mismatch',
      docId,
      message: {
        vi: 'Chữ ký trả về không khớp với tài liệu và chứng thư số; không tạo tệp đã ký. Hãy ký lại.',
        en: 'The returned signature does not match the document and certificate; no signed file was written. Sign again.',
      },
    });
  }
}
