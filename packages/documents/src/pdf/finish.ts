import { InvalidInputError } from '@smartca-kit/sdk/core';
import { checkRawSignature } from '../cms/check-signature.js';
import { assembleSignedData } from '../cms/signed-data.js';
import { SignedDocument } from '../source/signed-document.js';
import { signatureTimestampAttribute } from '../timestamp/signature-level.js';
import { augment } from './augment.js';
import type { PreparedPdfUpdate } from './prepare.js';
import { fillContents } from './signature-field.js';

/**
 * Wraps SmartCA's raw signature into CMS, writes it into the placeholder of a copy of the update, and
 * returns original + update. The signature is verified first; the original is never copied here. At
 * level B-T the signature value is timestamped first and the token goes in as an unsigned attribute;
 * B-LT and B-LTA then {@link augment} the result (a /DSS, and a document timestamp).
 *
 * @throws {@link TimestampError} when the TSA fails (nothing is written)
 * @throws {@link RevocationError} when B-LT's revocation data cannot be fetched (nothing is written)
 */
export async function finishPdfUpdate(
  prepared: PreparedPdfUpdate,
  signature: Uint8Array,
  docId?: string,
): Promise<SignedDocument> {
  await checkRawSignature(prepared.signer, prepared.signedAttributes, signature, docId);
  const unsigned = prepared.tsa ? [await signatureTimestampAttribute(signature, prepared.tsa)] : [];
  const cms = assembleSignedData(prepared.signer, prepared.signedAttributes, signature, unsigned);
  const [start, end] = prepared.contentsHex;
  if (cms.length * 2 > end - start) {
    const room = (end - start) / 2;
    throw new InvalidInputError({
      code: 'PLACEHOLDER_TOO_SMALL',
      field: 'placeholderSize',
      message: prepared.tsa
        ? {
            vi: `Chữ ký CMS kèm dấu thời gian (${cms.length} byte) lớn hơn chỗ dành sẵn (${room} byte): máy chủ dấu thời gian trả về token quá lớn. Hãy đặt placeholderSize lớn hơn ${cms.length}.`,
            en: `The CMS signature with its timestamp (${cms.length} bytes) is larger than the reserved space (${room} bytes): the TSA's token is unusually large. Set placeholderSize above ${cms.length}.`,
          }
        : {
            vi: `Chữ ký CMS (${cms.length} byte) lớn hơn chỗ dành sẵn (${room} byte). Hãy bỏ tùy chọn placeholderSize.`,
            en: `The CMS signature (${cms.length} bytes) is larger than the reserved space (${room} bytes). Drop the placeholderSize option.`,
          },
    });
  }
  const signed = new SignedDocument('pdf', [prepared.source, fillContents(prepared, cms)]);
  if (prepared.level !== 'B-LT' && prepared.level !== 'B-LTA') return signed;
  return augment(signed, prepared.level, { ...prepared.ltv, tsa: prepared.tsa });
}
