import type { SignedTransaction, SignerParams, SmartCA, StatusUpdate, TransactionSnapshot } from '@smartca-kit/sdk';
import type { CmsSignatureOptions } from './cms/detached.js';
import { prepareJob, type DocumentJob } from './internal/prepare-job.js';
import type { PdfSignatureOptions } from './pdf/prepare.js';
import type { PreparedDocument } from './prepared-document.js';
import type { LevelOptions } from './timestamp/signature-level.js';
import type { DocumentInput } from './source/byte-source.js';
import type { SignedDocument, SignedFormat } from './source/signed-document.js';

export { sniffFormat, type DocumentJob } from './internal/prepare-job.js';

/**
 * Arguments of {@link signDocuments}: who signs, how to wait, and the level of every PDF and CMS
 * signature (`level: 'B-T'` with `tsa: { url }` timestamps each one after SmartCA signs; a job's own
 * `pdf`/`cms` options win).
 */
export interface SignDocumentsParams extends SignerParams, LevelOptions {
  /** `transaction_desc`: what the user is asked to approve. */
  description?: string | undefined;
  /** The SP `transaction_id`; generated when omitted. */
  transactionId?: string | undefined;
  /** Called once the request is with SmartCA (show "approve in the app" and the transaction id). */
  onPending?: ((snapshot: TransactionSnapshot) => void) | undefined;
  /** Each status change while waiting. */
  onUpdate?: ((update: StatusUpdate) => void) | undefined;
}

/** A signed document of a batch. */
export interface SignedDocumentResult {
  /** The document's id, as sent. */
  docId: string;
  /** The signed output. */
  document: SignedDocument;
}

/** The outcome of {@link signDocuments}. */
export interface SignDocumentsResult {
  /** One per job, in order. */
  documents: SignedDocumentResult[];
  /** The SmartCA transaction (its signatures are verified). */
  transaction: SignedTransaction;
}

/**
 * Signs up to 50 documents in one SmartCA transaction, approved once in the app: fetches the
 * certificate, prepares every document, sends their digests, waits for approval, verifies each
 * signature and finishes each document. Nothing is written anywhere; take the outputs from the result.
 *
 * @example
 * ```ts
 * const { documents } = await signDocuments(smartca, [
 *   { input: donDangKy, docId: 'HS-001' },
 *   { input: bienBan, docId: 'HS-002', pdf: { reason: 'Xác nhận' } },
 * ], { userId: '001099000001', description: 'Hồ sơ khai sinh' });
 * ```
 */
export async function signDocuments(
  client: SmartCA,
  jobs: readonly DocumentJob[],
  params: SignDocumentsParams,
): Promise<SignDocumentsResult> {
  const certificate = await client.certificates.signer(params);
  const prepared: Array<{ docId: string; job: DocumentJob; format: SignedFormat; document: PreparedDocument }> = [];
  for (const [index, job] of jobs.entries()) {
    const { format, document } = await prepareJob(job, index, certificate, params);
    prepared.push({ docId: job.docId ?? `doc-${index + 1}`, job, format, document });
  }
  const tx = await client.signatures.sign({
    ...params,
    certificate,
    documents: prepared.map(({ docId, job, format, document }) => ({
      docId,
      digest: document.digestToSign,
      fileType: format === 'cms' ? 'other' : format,
      name: job.name,
    })),
  });
  params.onPending?.(tx.snapshot());
  const transaction = await tx.wait({ signal: params.signal, onUpdate: params.onUpdate });
  const documents: SignedDocumentResult[] = [];
  for (const [index, item] of prepared.entries()) {
    const signature = transaction.signatures[index];
    if (!signature) throw new TypeError(`no signature for ${item.docId}`);
    documents.push({ docId: item.docId, document: await item.document.finish(signature.signature) });
  }
  return { documents, transaction };
}

/**
 * Signs one PDF through SmartCA (PAdES baseline B; B-T, B-LT or B-LTA with `level` and `tsa: { url }`;
 * each an incremental update) and returns it.
 *
 * @example
 * ```ts
 * const signed = await signPdf(smartca, pdfBytes, { userId: '001099000001', reason: 'Đồng ý', location: 'Hà Nội' });
 * await writeFile('signed.pdf', await signed.toBytes());
 * ```
 */
export async function signPdf(
  client: SmartCA,
  pdf: DocumentInput,
  params: SignDocumentsParams & PdfSignatureOptions,
): Promise<SignedDocument> {
  const { documents } = await signDocuments(client, [{ input: pdf, format: 'pdf', pdf: params }], params);
  return (documents[0] as SignedDocumentResult).document;
}

/** Signs any file through SmartCA as a detached CMS (`.p7s`, CAdES-B-B, or CAdES-T with a `tsa`). */
export async function signCms(
  client: SmartCA,
  file: DocumentInput,
  params: SignDocumentsParams & CmsSignatureOptions,
): Promise<SignedDocument> {
  const { documents } = await signDocuments(client, [{ input: file, format: 'cms', cms: params }], params);
  return (documents[0] as SignedDocumentResult).document;
}
