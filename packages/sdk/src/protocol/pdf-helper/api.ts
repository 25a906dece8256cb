import { ApiError } from '../../errors/api-error.js';
import { ResponseSchemaError } from '../../errors/response-schema-error.js';
import { base64ToBytes, bytesToBase64 } from '../../internal/bytes.js';
import { randomId } from '../../internal/ids.js';
import { messages } from '../../internal/messages.js';
import type { Transport } from '../../internal/transport.js';
import type { RequestOptions } from '../../transaction/types.js';
import { mapSp769Failure } from '../sp769/errors.js';
import type { Sp769Credentials } from '../sp769/api.js';
import { calculateHashAnswer, signExternalAnswer } from './schemas.js';

/** Where a visible signature goes (`sigOptions.signatures[]`). */
export interface PdfPlacement {
  /** The page, from 1. */
  page: number;
  /** `[x1, y1, x2, y2]` in PDF points, origin bottom left; sent as `"x1,y1,x2,y2"`. */
  rectangle: readonly [number, number, number, number];
}

/** What `calculateHash` answers for one PDF. */
export interface HashedFile {
  /** `fileID`: names the file for `signExternal`. */
  fileId: string;
  /** The digest to sign: SHA-256 of the PAdES signed attributes. */
  digest: Uint8Array;
}

/** A raw signature for one file of a session. */
export interface ExternalSignature {
  /** The file's `fileID`. */
  fileId: string;
  /** The raw PKCS#1 v1.5 signature SmartCA returned for the file's digest. */
  signature: Uint8Array;
}

/** What `signExternal` answers for one file. */
export interface SignedPdf {
  /** The file's `fileID`. */
  fileId: string;
  /** The signed PDF. */
  signed: Uint8Array;
}

/** VNPT's visible-signature settings for one PDF (`sigOptions`); VNPT draws them, the sandbox does not yet. */
export interface PdfHelperAppearance {
  /** `renderMode`: 0 text only, 1 text with logo left, 2 logo only, 3 text with logo on top, 4 text on a background. */
  renderMode?: 0 | 1 | 2 | 3 | 4 | undefined;
  /** `customImage`: the logo or background, PNG bytes. */
  image?: Uint8Array | undefined;
  /** `fontSize`, points. */
  fontSize?: number | undefined;
  /** `fontColor`, e.g. `#000000`. */
  fontColor?: string | undefined;
  /** `signatureText`, e.g. `Ký bởi: ...\nThời gian ký: ...`. */
  text?: string | undefined;
  /** `signatures[]`: where the box goes, `rectangle` as `[x1, y1, x2, y2]` in PDF points (origin bottom left). */
  placements?: PdfPlacement[] | undefined;
}

/** One PDF to hash, in the SDK's terms. */
export interface PdfHelperFileInput {
  name: string;
  pdf: Uint8Array;
  appearance?: PdfHelperAppearance | undefined;
}

/**
 * The PDF helper's wire calls, on VNPT's paths under `/rest/v2/signature`, with the SP769 partner
 * credentials in the body. Arguments and results are in the SDK's terms.
 */
export class PdfHelperApi {
  readonly #transport: Transport;
  readonly #baseUrl: string;
  readonly #credentials: () => Sp769Credentials;

  constructor(transport: Transport, baseUrl: string, credentials: () => Sp769Credentials) {
    this.#transport = transport;
    this.#baseUrl = baseUrl;
    this.#credentials = credentials;
  }

  /** `calculateHash`: the digest to sign for each PDF, and the session (`tranId`) that finishes them. */
  async calculateHash(input: { signerCert: Uint8Array; files: readonly PdfHelperFileInput[]; transactionId?: string | undefined },
    options: RequestOptions): Promise<{ tranId: string; files: HashedFile[]; requestId: string }> {
    const { spId, spPassword } = this.#credentials();
    const operation = 'pdf_helper.calculate_hash';
    const result = await this.#transport.request({
      operation, url: `${this.#baseUrl}/calculateHash`, schema: calculateHashAnswer, retry: 'idempotent',
      json: { transaction_id: input.transactionId ?? randomId(), sp_id: spId, sp_password: spPassword,
        signerCert: bytesToBase64(input.signerCert), digestAlgorithm: 'sha256',
        sign_files: input.files.map((f) => ({ storage_file_name: '', name: f.name, pdfContent: bytesToBase64(f.pdf),
          ...(f.appearance ? { sigOptions: toSigOptions(f.appearance) } : {}) })) },
      mapError: mapSp769Failure, signal: options.signal, timeout: options.timeout, maxRetries: options.maxRetries,
    });
    const files = result.data.hashResps.map((r, index) => {
      if (r.code !== 'sigSuccess') {
        throw new ApiError({ code: r.code || 'HASH_FAILED', status: result.status, requestId: result.requestId,
          message: messages.apiError(r.code || 'HASH_FAILED', result.status) });
      }
      const digest = base64ToBytes(r.hash ?? '');
      if (!digest || digest.length === 0 || !r.fileID) throw drift(operation, result.requestId, ['hashResps', index]);
      return { fileId: r.fileID, digest };
    });
    return { tranId: result.data.tranId, files, requestId: result.requestId };
  }

  /** `signExternal`: embeds raw signatures into the session's PDFs and returns them, in the order given. */
  async signExternal(input: { tranId: string; signatures: readonly ExternalSignature[] }, options: RequestOptions):
  Promise<SignedPdf[]> {
    const { spId, spPassword } = this.#credentials();
    const operation = 'pdf_helper.sign_external';
    const result = await this.#transport.request({
      operation, url: `${this.#baseUrl}/signExternal`, schema: signExternalAnswer, retry: 'idempotent',
      json: { tranId: input.tranId, sp_id: spId, sp_password: spPassword,
        signatures: input.signatures.map((s) => ({ fileID: s.fileId, signature: bytesToBase64(s.signature) })) },
      mapError: mapSp769Failure, signal: options.signal, timeout: options.timeout, maxRetries: options.maxRetries,
    });
    return input.signatures.map((s, index) => {
      const answer = result.data.signResps.find((r) => r.fileID === s.fileId) ?? result.data.signResps[index];
      const signed = base64ToBytes(answer?.signedData ?? '');
      if (!signed || signed.length === 0) throw drift(operation, result.requestId, ['signResps', index, 'signedData']);
      return { fileId: s.fileId, signed };
    });
  }
}

function toSigOptions(a: PdfHelperAppearance): Record<string, unknown> {
  return {
    ...(a.renderMode === undefined ? {} : { renderMode: a.renderMode }),
    ...(a.image ? { customImage: bytesToBase64(a.image) } : {}),
    ...(a.fontSize === undefined ? {} : { fontSize: a.fontSize }),
    ...(a.fontColor === undefined ? {} : { fontColor: a.fontColor }),
    ...(a.text === undefined ? {} : { signatureText: a.text }),
    ...(a.placements ? { signatures: a.placements.map((p) => ({ page: p.page, rectangle: p.rectangle.join(',') })) } : {}),
  };
}

function drift(operation: string, requestId: string, path: Array<string | number>): ResponseSchemaError {
  return new ResponseSchemaError({ code: 'RESPONSE_SCHEMA_MISMATCH', requestId, operation,
    message: messages.schemaDrift(operation), issues: [{ path, code: 'invalid_value', message: 'missing or not base64' }] });
}
