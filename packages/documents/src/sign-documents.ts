import type { SignedTransaction, SignerParams, SmartCA, StatusUpdate, TransactionSnapshot } from '@smartca-kit/sdk';
import { prepareCms, type CmsSignatureOptions } from './cms/detached.js';
import { preparePdf } from './pdf/index.js';
import { prepareXml, type XmlSignatureOptions } from './xml/index.js';
import type { PdfSignatureOptions } from './pdf/prepare.js';
import type { PreparedDocument } from './prepared-document.js';
import { InvalidInputError } from '@smartca-kit/sdk/core';
import type { LevelOptions } from './timestamp/signature-level.js';
import { toByteSource, type DocumentInput } from './source/byte-source.js';
import type { SignedDocument, SignedFormat } from './source/signed-document.js';

/** One document of a batch. */
export interface DocumentJob {
  /** The document. */
  input: DocumentInput;
  /** What to produce. Default: sniffed from the content (`%PDF-` → pdf, `<` → xml, else a detached `.p7s`). */
  format?: SignedFormat | undefined;
  /** Shown in the SmartCA app and used as the key of the result. Default `doc-1`, `doc-2`, ... */
  docId?: string | undefined;
  /** The document's name (gateway `datas[].name`). */
  name?: string | undefined;
  /** PAdES options (reason, location, ...). */
  pdf?: PdfSignatureOptions | undefined;
  /** CMS options. */
  cms?: CmsSignatureOptions | undefined;
  /** XML signature options (XAdES, where the Signature goes, ...). */
  xml?: XmlSignatureOptions | undefined;
}

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

/** How one output format is prepared. */
type Preparer = (
  input: DocumentInput,
  signer: { der: Uint8Array; chain?: readonly Uint8Array[] | undefined },
  job: DocumentJob,
) => Promise<PreparedDocument>;

const PREPARERS: Record<SignedFormat, Preparer> = {
  pdf: (input, signer, job) => preparePdf(input, signer, job.pdf),
  cms: (input, signer, job) => prepareCms(input, signer, job.cms),
  xml: (input, signer, job) => prepareXml(input, signer, job.xml),
};

/** The job with the batch's level where the job names none; XML has no B-T (XAdES-T) yet, so it is refused. */
function withLevel(job: DocumentJob, format: SignedFormat, batch: LevelOptions, index: number): DocumentJob {
  if (batch.level === undefined && batch.tsa === undefined) return job;
  const level = { level: batch.level, tsa: batch.tsa };
  if (format === 'xml') {
    if ((batch.level ?? 'B-T') === 'B-B') return job;
    throw new InvalidInputError({
      code: 'SIGNATURE_LEVEL_UNSUPPORTED',
      field: `jobs[${index}].level`,
      message: {
        vi: 'Chữ ký XML chưa hỗ trợ mức B-T (XAdES-T); hãy ký tài liệu XML ở mức B-B.',
        en: 'XML signatures do not support level B-T (XAdES-T) yet; sign XML documents at level B-B.',
      },
    });
  }
  if (format === 'pdf') return { ...job, pdf: { ...level, ...job.pdf } };
  if (batch.level === 'B-LT' || batch.level === 'B-LTA') {
    // A detached .p7s has no place for a DSS; CAdES-LT/LTA would need other machinery.
    throw new InvalidInputError({
      code: 'SIGNATURE_LEVEL_UNSUPPORTED',
      field: `jobs[${index}].level`,
      message: {
        vi: `Chữ ký CMS (.p7s) chưa hỗ trợ mức ${batch.level}; mức này chỉ dùng cho PDF. Hãy ký tệp này ở mức B-T.`,
        en: `Detached CMS (.p7s) signatures do not support level ${batch.level} yet; it is for PDFs only. Sign this file at level B-T.`,
      },
    });
  }
  return { ...job, cms: { ...level, ...job.cms } };
}

/** Guesses the format from the first bytes: `%PDF-` → pdf, `<` → xml, anything else → cms. */
export async function sniffFormat(input: DocumentInput): Promise<SignedFormat> {
  const head = new TextDecoder()
    .decode(await toByteSource(input).read(0, 1024))
    .replace(/^\uFEFF/, '')
    .trimStart();
  if (head.includes('%PDF-')) return 'pdf';
  if (head.startsWith('<')) return 'xml';
  return 'cms';
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
    const format = job.format ?? (await sniffFormat(job.input));
    const leveled = withLevel(job, format, params, index);
    prepared.push({
      docId: job.docId ?? `doc-${index + 1}`,
      job,
      format,
      document: await PREPARERS[format](job.input, certificate, leveled),
    });
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
