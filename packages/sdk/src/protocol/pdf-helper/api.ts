import { ApiError } from '../../errors/api-error.js';
import { ResponseSchemaError } from '../../errors/response-schema-error.js';
import { base64ToBytes, bytesToBase64 } from '../../internal/bytes.js';
import { randomId } from '../../internal/ids.js';
import { messages } from '../../internal/messages.js';
import type { Transport } from '../../internal/transport.js';
import type { RequestOptions } from '../../model/transaction.js';
import { mapSp769Failure } from '../sp769/errors.js';
import type { Sp769Credentials } from '../sp769/api.js';
import { calculateHashAnswer, signExternalAnswer } from './schemas.js';
import type {
  ExternalSignature,
  HashedFile,
  PdfHelperAppearance,
  PdfHelperFile,
  SignedPdf,
} from '../../model/pdf-helper.js';

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

  /** `calculateHash`: the digest to sign for each PDF, and the session (`tranId` on the wire) that finishes them. */
  async calculateHash(
    input: { signerCert: Uint8Array; files: readonly PdfHelperFile[]; transactionId?: string | undefined },
    options: RequestOptions,
  ): Promise<{ sessionId: string; files: HashedFile[]; requestId: string }> {
    const { spId, spPassword } = this.#credentials();
    const operation = 'pdf_helper.calculate_hash';
    const result = await this.#transport.request({
      operation,
      url: `${this.#baseUrl}/calculateHash`,
      schema: calculateHashAnswer,
      retry: 'idempotent',
      json: {
        transaction_id: input.transactionId ?? randomId(),
        sp_id: spId,
        sp_password: spPassword,
        signerCert: bytesToBase64(input.signerCert),
        digestAlgorithm: 'sha256',
        sign_files: input.files.map((f) => ({
          storage_file_name: '',
          name: f.name,
          pdfContent: bytesToBase64(f.pdf),
          ...(f.appearance ? { sigOptions: toSigOptions(f.appearance) } : {}),
        })),
      },
      mapError: mapSp769Failure,
      signal: options.signal,
      timeout: options.timeout,
      maxRetries: options.maxRetries,
    });
    const files = result.data.hashResps.map((r, index) => {
      if (r.code !== 'sigSuccess') {
        throw new ApiError({
          code: r.code || 'HASH_FAILED',
          status: result.status,
          requestId: result.requestId,
          message: messages.apiError(r.code || 'HASH_FAILED', result.status),
        });
      }
      const digest = base64ToBytes(r.hash ?? '');
      if (!digest || digest.length === 0 || !r.fileID) throw drift(operation, result.requestId, ['hashResps', index]);
      return { fileId: r.fileID, digest };
    });
    return { sessionId: result.data.tranId, files, requestId: result.requestId };
  }

  /** `signExternal`: embeds raw signatures into the session's PDFs and returns them, in the order given. */
  async signExternal(
    input: { sessionId: string; signatures: readonly ExternalSignature[] },
    options: RequestOptions,
  ): Promise<SignedPdf[]> {
    const { spId, spPassword } = this.#credentials();
    const operation = 'pdf_helper.sign_external';
    const result = await this.#transport.request({
      operation,
      url: `${this.#baseUrl}/signExternal`,
      schema: signExternalAnswer,
      retry: 'idempotent',
      json: {
        tranId: input.sessionId,
        sp_id: spId,
        sp_password: spPassword,
        signatures: input.signatures.map((s) => ({ fileID: s.fileId, signature: bytesToBase64(s.signature) })),
      },
      mapError: mapSp769Failure,
      signal: options.signal,
      timeout: options.timeout,
      maxRetries: options.maxRetries,
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
    ...(a.placements
      ? { signatures: a.placements.map((p) => ({ page: p.page, rectangle: p.rectangle.join(',') })) }
      : {}),
  };
}

function drift(operation: string, requestId: string, path: Array<string | number>): ResponseSchemaError {
  return new ResponseSchemaError({
    code: 'RESPONSE_SCHEMA_MISMATCH',
    requestId,
    operation,
    message: messages.schemaDrift(operation),
    issues: [{ path, code: 'invalid_value', message: 'missing or not base64' }],
  });
}
