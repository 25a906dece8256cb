import type { SmartCACertificate } from '../certificates/certificate.js';
import { InvalidInputError } from '../errors/invalid-input-error.js';
import type { ClientContext } from './client-context.js';
import type {
  ExternalSignature,
  HashedFile,
  PdfHelperAppearance,
  PdfHelperFile,
  SignedPdf,
} from '../model/pdf-helper.js';
import type { WaitOptions } from '../transaction/signing-transaction.js';
import type { RequestOptions, SignedTransaction } from '../model/transaction.js';
import type { CertificatesResource, SignerParams } from './certificates.js';
import type { SignaturesResource } from './signatures.js';

/** Arguments of {@link PdfHelperResource.calculateHash}. */
export interface CalculateHashParams extends RequestOptions {
  /** The signer's certificate, as SmartCA listed it. */
  certificate: SmartCACertificate;
  /** 1 to 10 PDFs. */
  files: PdfHelperFile[];
  /** `transaction_id`; generated when omitted. */
  transactionId?: string | undefined;
}

/** What `calculateHash` answers: the session, and the digest to sign for each PDF. */
export interface HashSession {
  /** VNPT's id for the hashing session (`tranId` on the wire), for {@link PdfHelperResource.signExternal}. */
  sessionId: string;
  /** One per PDF, in order: `fileID` and the digest (SHA-256 of the PAdES signed attributes) to sign. */
  files: HashedFile[];
  /** The request id of the call. */
  requestId: string;
}

/** Arguments of {@link PdfHelperResource.signExternal}. */
export interface SignExternalParams extends RequestOptions {
  /** The hashing session's id, from {@link HashSession.sessionId}. */
  sessionId: string;
  /** The raw signature for each file, by `fileId`. */
  signatures: ExternalSignature[];
}

/** Arguments of {@link PdfHelperResource.sign}. */
export interface PdfHelperSignParams extends SignerParams, WaitOptions {
  /** 1 to 10 PDFs. */
  files: PdfHelperFile[];
  /** `transaction_desc`, shown in the app. */
  description?: string | undefined;
}

/** A signed PDF with the name it was sent with. */
export interface NamedSignedPdf {
  /** The name given in {@link PdfHelperFile.name}. */
  name: string;
  /** The signed PDF. */
  signed: Uint8Array;
}

/** The outcome of {@link PdfHelperResource.sign}. */
export interface PdfHelperResult {
  /** The signed PDFs, in order. */
  files: NamedSignedPdf[];
  /** The SP769 transaction, its signatures verified. */
  transaction: SignedTransaction;
}

const MAX_FILES = 10;

/**
 * VNPT's PDF helper (`/rest/v2/signature/calculateHash` and `signExternal`): VNPT's server builds the
 * PAdES signature around SmartCA's raw signature, as VNPT's PHP sample uses it. The PDF goes to VNPT;
 * with `@smartca-kit/documents` it need not, and the signature is built locally instead.
 *
 * @example
 * ```ts
 * const { files } = await smartca.pdfHelper.sign({ userId: '001099000001',
 *   files: [{ name: 'hop-dong.pdf', pdf }] }); // approve in the SmartCA app
 * ```
 */
export class PdfHelperResource {
  readonly #ctx: ClientContext;
  readonly #certificates: CertificatesResource;
  readonly #signatures: SignaturesResource;

  constructor(ctx: ClientContext, certificates: CertificatesResource, signatures: SignaturesResource) {
    this.#ctx = ctx;
    this.#certificates = certificates;
    this.#signatures = signatures;
  }

  /** `calculateHash`: uploads the PDFs with the signer's certificate; answers what to sign for each. */
  async calculateHash(params: CalculateHashParams): Promise<HashSession> {
    validatePdfs(params.files);
    return this.#ctx
      .pdfHelper()
      .calculateHash(
        { signerCert: params.certificate.der, files: params.files, transactionId: params.transactionId },
        params,
      );
  }

  /** `signExternal`: hands VNPT the raw signatures; answers the signed PDFs, in the order given. */
  async signExternal(params: SignExternalParams): Promise<SignedPdf[]> {
    return this.#ctx.pdfHelper().signExternal({ sessionId: params.sessionId, signatures: params.signatures }, params);
  }

  /**
   * VNPT's sample flow in one call: the signer's certificate, `calculateHash`, an SP769 signature the
   * user approves in the app (verified like every other), then `signExternal`.
   */
  async sign(params: PdfHelperSignParams): Promise<PdfHelperResult> {
    validatePdfs(params.files);
    const certificate = await this.#certificates.signer(params);
    const session = await this.calculateHash({ certificate, files: params.files, signal: params.signal });
    const tx = await this.#signatures.sign({
      userId: params.userId,
      certificate,
      description: params.description,
      documents: session.files.map((f) => ({ docId: f.fileId, digest: f.digest, fileType: 'pdf' })),
    });
    const transaction = await tx.wait(params);
    const signed = await this.signExternal({
      sessionId: session.sessionId,
      signal: params.signal,
      signatures: transaction.signatures.map((s) => ({ fileId: s.docId, signature: s.signature })),
    });
    return {
      files: signed.map((s, i) => ({ name: params.files[i]?.name ?? s.fileId, signed: s.signed })),
      transaction,
    };
  }
}

function validatePdfs(files: readonly PdfHelperFile[] | undefined): void {
  if (!Array.isArray(files) || files.length === 0 || files.length > MAX_FILES) {
    throw new InvalidInputError({
      field: 'files',
      message: {
        vi: `Cần từ 1 đến ${MAX_FILES} tệp PDF.`,
        en: `Pass 1 to ${MAX_FILES} PDFs.`,
      },
    });
  }
  files.forEach((f, i) => {
    if (!(f?.pdf instanceof Uint8Array) || f.pdf.length === 0 || typeof f.name !== 'string' || f.name === '') {
      throw new InvalidInputError({
        field: `files[${i}]`,
        message: {
          vi: `Tệp thứ ${i + 1} cần có tên và nội dung PDF.`,
          en: `files[${i}] needs a name and the PDF bytes.`,
        },
      });
    }
  });
}
