import { Attribute } from '@peculiar/asn1-cms';
import { InvalidInputError } from '@smartca-kit/sdk/core';
import { requestTimestamp, signatureImprint, type TsaOptions } from './request-timestamp.js';

/**
 * The baseline level of a CAdES/PAdES signature: `B-B` (the signature alone), `B-T` (plus a TSA's
 * timestamp over the signature value, proving it existed at that time), `B-LT` (PDF only: plus a
 * /DSS with the certificates, OCSP answers and CRLs a validator needs once they are gone) and
 * `B-LTA` (PDF only: plus a document timestamp over all of it, renewable with `augment`).
 */
export type SignatureLevel = 'B-B' | 'B-T' | 'B-LT' | 'B-LTA';

/** Every level a PDF signature can have; detached CMS stops at B-T. */
export const PDF_LEVELS: readonly SignatureLevel[] = ['B-B', 'B-T', 'B-LT', 'B-LTA'];
export const CMS_LEVELS: readonly SignatureLevel[] = ['B-B', 'B-T'];

/** What a signing call says about its level. */
export interface LevelOptions {
  /** Default `B-T` when {@link tsa} is given, else `B-B`. */
  level?: SignatureLevel | undefined;
  /** The TSA that timestamps a B-T signature. */
  tsa?: TsaOptions | undefined;
}

/**
 * Bytes a PDF placeholder reserves for a timestamp token beyond the signature's own estimate: a
 * token with the TSA's certificate and its issuer is 3–6 KiB; 12 KiB also fits a TSA whose chain
 * has one more level or 4096-bit keys.
 */
export const TIMESTAMP_RESERVE_BYTES = 12 * 1024;

/** `id-aa-signatureTimeStampToken` (RFC 3161 Appendix A), the unsigned attribute of CAdES-T. */
export const SIGNATURE_TIMESTAMP_OID = '1.2.840.113549.1.9.16.2.14';

/** The TSA a signing call asks for, or undefined for B-B; a B-T without a TSA URL is refused up front. */
export function timestampAuthorityOf(
  options: LevelOptions,
  field: string,
  levels: readonly SignatureLevel[] = CMS_LEVELS,
): TsaOptions | undefined {
  const level = options.level ?? (options.tsa ? 'B-T' : 'B-B');
  if (!levels.includes(level)) {
    const list = levels.map((l) => `"${l}"`).join(', ');
    throw new InvalidInputError({
      code: 'SIGNATURE_LEVEL_UNSUPPORTED',
      field: `${field}.level`,
      message: {
        vi: `Mức chữ ký "${String(level)}" chưa được hỗ trợ ở đây; hãy dùng một trong ${list}.`,
        en: `Signature level "${String(level)}" is not supported here; use one of ${list}.`,
      },
    });
  }
  if (level === 'B-B') return undefined;
  if (!options.tsa?.url || !/^https?:\/\//i.test(options.tsa.url)) {
    throw new InvalidInputError({
      code: 'TSA_URL_REQUIRED',
      field: `${field}.tsa.url`,
      message: {
        vi: `Mức ${level} cần địa chỉ http(s) của máy chủ dấu thời gian (tsa.url), ví dụ http://tsa.vnpt-ca.vn.`,
        en: `Level ${level} needs the http(s) URL of a timestamp authority (tsa.url), e.g. http://tsa.vnpt-ca.vn.`,
      },
    });
  }
  return options.tsa;
}

/**
 * Timestamps a signature value at the TSA and returns the unsigned attribute that carries the token
 * (the imprint is SHA-256 of the SignatureValue octets, ETSI EN 319 122-1 §5.3).
 *
 * @throws {@link TimestampError} when the TSA cannot be reached, refuses, or answers badly
 */
export async function signatureTimestampAttribute(signature: Uint8Array, tsa: TsaOptions): Promise<Attribute> {
  const token = await requestTimestamp(tsa.url, signatureImprint(signature), tsa);
  return new Attribute({ attrType: SIGNATURE_TIMESTAMP_OID, attrValues: [token.der.slice().buffer] });
}
