import { ContentInfo, SignedData } from '@peculiar/asn1-cms';
import { AsnConvert } from '@peculiar/asn1-schema';
import { certificateInfo, type CertificateInfo } from '../cms/certificate-info.js';
import { OID } from '../cms/oids.js';
import { findSigner } from '../cms/verify-signed-data.js';
import { SIGNATURE_TIMESTAMP_OID } from '../timestamp/signature-level.js';

/** The certificates a CMS signature (or timestamp token) brings, and which of them signed. */
export interface SignatureCertificates {
  /** Every certificate in the SignedData and in its signature timestamps. */
  all: Uint8Array[];
  /** The signers: the CMS's own and each signature timestamp's TSA. */
  signers: Uint8Array[];
}

/**
 * Reads `cms` (a DER ContentInfo; trailing placeholder zeros are ignored) for the certificates LTV
 * data must cover: its signer's and, one level down, the TSAs' of its signature timestamp tokens.
 * Returns empty lists for bytes that are not a SignedData, so one odd signature cannot stop the rest.
 */
export function signatureCertificates(cms: Uint8Array, depth = 0): SignatureCertificates {
  const out: SignatureCertificates = { all: [], signers: [] };
  let signed: SignedData;
  try {
    const info = AsnConvert.parse(trimDer(cms), ContentInfo);
    if (info.contentType !== OID.signedData) return out;
    signed = AsnConvert.parse(info.content, SignedData);
  } catch {
    return out;
  }
  const certificates: CertificateInfo[] = [];
  for (const choice of signed.certificates ?? []) {
    if (!choice.certificate) continue;
    const der = new Uint8Array(AsnConvert.serialize(choice.certificate));
    certificates.push(certificateInfo(der));
    out.all.push(der);
  }
  for (const signerInfo of signed.signerInfos) {
    const signer = findSigner(signerInfo, certificates);
    if (signer) out.signers.push(signer.der);
    if (depth > 0) continue;
    for (const attribute of signerInfo.unsignedAttrs ?? []) {
      if (attribute.attrType !== SIGNATURE_TIMESTAMP_OID) continue;
      for (const value of attribute.attrValues) {
        const token = signatureCertificates(new Uint8Array(value), depth + 1);
        out.all.push(...token.all);
        out.signers.push(...token.signers);
      }
    }
  }
  return out;
}

/** The DER value at the start of `bytes`, without the zero padding a PDF placeholder leaves after it. */
export function trimDer(bytes: Uint8Array): Uint8Array {
  if (bytes.length < 2) return bytes;
  const first = bytes[1] ?? 0;
  if (!(first & 0x80)) return bytes.subarray(0, 2 + first);
  const count = first & 0x7f;
  let length = 0;
  for (let i = 0; i < count; i++) length = length * 256 + (bytes[2 + i] ?? 0);
  return bytes.subarray(0, Math.min(bytes.length, 2 + count + length));
}
