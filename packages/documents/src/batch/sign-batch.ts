import type { SmartCA, SmartCACertificate, SigningTransaction, SignedTransaction } from '@smartca-kit/sdk';
import {
  bytesToHex,
  ConnectionError,
  hexToBytes,
  InvalidInputError,
  RequestTimeoutError,
  SmartCAError,
  StoreError,
} from '@smartca-kit/sdk/core';
import { prepareJob, type DocumentJob, type PreparedJob } from '../internal/prepare-job.js';
import type { SignDocumentsParams, SignedDocumentResult } from '../sign-documents.js';
import { BatchDocumentError } from './batch-document-error.js';
import type { BatchJournal } from './batch-journal.js';

/** SmartCA signs at most this many hashes in one transaction (one approval in the app). */
export const MAX_TRANSACTION_SIZE = 50;

/** A document of a batch. Its `docId` names it in the results and, with a journal, across runs. */
export interface BatchDocument extends DocumentJob {
  /**
   * Unique within the batch. Default `doc-<position>` (1-based), which is only stable across runs when
   * the input comes in the same order.
   */
  docId?: string | undefined;
}

/** Where a batch stands; passed to {@link SignBatchParams.onProgress} after every change. */
export interface BatchProgress {
  /** Documents read from the input so far; the total once {@link inputDone}. */
  queued: number;
  /** Whether the whole input has been read, so that {@link queued} is the total. */
  inputDone: boolean;
  /** Documents signed and delivered to `output`. */
  signed: number;
  /** Documents that failed (see their results). */
  failed: number;
  /** Documents already signed by an earlier run of the same batch (journal). */
  skipped: number;
  /** Transactions with SmartCA now waiting for approval. */
  pending: number;
  /** Transactions sent to SmartCA, or resumed, by this run. */
  transactions: number;
}

/** What became of one document of a batch. */
export type BatchDocumentResult =
  | {
      /** The document's id. */
      docId: string;
      /** Signed, and `output` accepted it. */
      status: 'signed';
      /** The SP `transaction_id` it was signed in. */
      transactionId: string;
    }
  | {
      /** The document's id. */
      docId: string;
      /** Signed and delivered by an earlier run of this batch (found in the journal); not signed again. */
      status: 'skipped';
    }
  | {
      /** The document's id. */
      docId: string;
      /** Not signed: a bad document, a rejected or expired transaction, an output that failed, ... */
      status: 'failed';
      /** Why, typed and bilingual (a `DocumentFormatError`, `TransactionRejectedError`, `BatchDocumentError`, ...). */
      error: SmartCAError;
      /** The transaction it went out in, when it got that far. */
      transactionId?: string | undefined;
    };

/** Arguments of {@link signBatch}. */
export interface SignBatchParams extends Omit<SignDocumentsParams, 'transactionId'> {
  /**
   * Receives each signed document, e.g. to write it (`writeSignedDocument` in `@smartca-kit/documents/node`)
   * or upload it. The document counts as signed (and, with a journal, done for good) only once this
   * resolves; if it throws, that document fails and the rest carry on.
   */
  output: (result: SignedDocumentResult) => Promise<void> | void;
  /**
   * Names the batch: the SP `transaction_id`s are `<batchId>-<group>-<attempt>`, and the journal's keys
   * start with it. Required with a journal (the same id resumes the same batch); default: random.
   */
  batchId?: string | undefined;
  /**
   * Notes progress so that a run that crashed or was killed resumes: documents delivered are skipped,
   * a transaction already sent is waited for again instead of sent anew (nothing is paid twice), and
   * a group whose transaction was rejected or expired gets a new transaction.
   */
  journal?: BatchJournal | undefined;
  /** Documents per transaction, 1 to 50 (SmartCA's limit). Default 50. */
  transactionSize?: number | undefined;
  /**
   * Transactions prepared and waiting at the same time, 1 to 16. Default 4. Memory is bounded by this
   * times `transactionSize` documents being worked on, whatever the batch's length.
   */
  concurrency?: number | undefined;
  /** Called after every change of the counts. */
  onProgress?: ((progress: BatchProgress) => void) | undefined;
  /** Called with each document's result as soon as it is known. */
  onDocument?: ((result: BatchDocumentResult) => void) | undefined;
}

/** The outcome of {@link signBatch}: one result per document, in input order, and the counts. */
export interface SignBatchResult {
  /** One per input document, in input order. */
  documents: BatchDocumentResult[];
  /** How many were signed by this run. */
  signed: number;
  /** How many failed. */
  failed: number;
  /** How many an earlier run had signed already. */
  skipped: number;
  /** Transactions sent to SmartCA, or resumed, by this run. */
  transactions: number;
}

/** What the journal keeps about one group's transaction. */
interface GroupEntry {
  /** `sending`: the request may or may not have reached SmartCA; `sent`: it did; `failed`: it settled without signatures. */
  state: 'sending' | 'sent' | 'failed';
  attempt: number;
  transactionId: string;
  /** ISO time the group's documents were prepared at. */
  signingTime: string;
  /** ISO time the transaction was created, for its approval window. */
  createdAt?: string | undefined;
  providerId?: string | undefined;
  /** What was sent, in order: the document id, the hex digest, the file type and name. */
  documents: Array<{ docId: string; digest: string; fileType: 'pdf' | 'xml' | 'other'; name?: string | undefined }>;
}

interface Queued {
  /** Position in the input, 0-based. */
  position: number;
  docId: string;
  job: BatchDocument;
}

interface Prepared extends Queued, PreparedJob {
  digest: Uint8Array;
}

/**
 * Whether `error` means the transaction settled without signatures (rejected, expired, refused by
 * SmartCA), so that the next run must send a new one. After anything else (no answer, a timeout, the
 * store or the process failing, an abort) the transaction may still exist and be approved: the next
 * run waits for it again rather than pay for a second one.
 */
function settledWithoutSignatures(error: unknown): boolean {
  return (
    error instanceof SmartCAError &&
    !(error instanceof ConnectionError) &&
    !(error instanceof RequestTimeoutError) &&
    !(error instanceof StoreError)
  );
}

function checkedInteger(value: number | undefined, fallback: number, min: number, max: number, field: string): number {
  if (value === undefined) return fallback;
  if (Number.isInteger(value) && value >= min && value <= max) return value;
  throw new InvalidInputError({
    code: 'BATCH_OPTION_INVALID',
    field,
    message: {
      vi: `${field} phải là số nguyên từ ${min} đến ${max} (nhận được ${String(value)}).`,
      en: `${field} must be an integer from ${min} to ${max} (got ${String(value)}).`,
    },
  });
}

/** Closes an input the batch was handed open (a `FileSource`), once its document is done with. */
async function closeInput(job: DocumentJob): Promise<void> {
  const input = job.input as { close?: () => Promise<void> };
  if (typeof input.close === 'function') await input.close().catch(() => undefined);
}

/**
 * Signs any number of documents for one signer: split into transactions of at most 50 (one approval
 * each), prepared and finished as streams, several transactions at once. Each document ends in its own
 * result: one bad PDF, or one rejected transaction, does not stop the others. With a `journal` and a
 * `batchId`, a run that crashed resumes where it stopped without signing or paying twice.
 *
 * `documents` may be an async iterable that opens files lazily: it is read only as fast as
 * transactions free up, and an input with a `close()` (a `FileSource`) is closed once its document is
 * done. Throws only when nothing can be signed at all (no valid certificate, bad options).
 *
 * @example
 * ```ts
 * const result = await signBatch(smartca, contracts(), {
 *   userId: '079088000003',
 *   batchId: 'hop-dong-2026-12-02',
 *   journal: storeJournal(store),
 *   output: ({ docId, document }) => writeSignedDocument(document, `out/${docId}`),
 *   onProgress: (p) => console.log(`${p.signed + p.skipped}/${p.queued}`),
 * });
 * if (result.failed > 0) console.table(result.documents.filter((d) => d.status === 'failed'));
 * ```
 */
export async function signBatch(
  client: SmartCA,
  documents: Iterable<BatchDocument> | AsyncIterable<BatchDocument>,
  params: SignBatchParams,
): Promise<SignBatchResult> {
  const size = checkedInteger(params.transactionSize, MAX_TRANSACTION_SIZE, 1, MAX_TRANSACTION_SIZE, 'transactionSize');
  const concurrency = checkedInteger(params.concurrency, 4, 1, 16, 'concurrency');
  if (params.journal && !params.batchId)
    throw new InvalidInputError({
      code: 'BATCH_ID_REQUIRED',
      field: 'batchId',
      message: {
        vi: 'Khi dùng journal, hãy đặt batchId: cùng một batchId thì chạy lại sẽ tiếp tục đúng lô đó.',
        en: 'A journal needs a batchId: running again with the same batchId resumes that batch.',
      },
    });
  const batchId = params.batchId ?? `batch-${crypto.randomUUID()}`;
  const certificate = await client.certificates.signer(params);
  const run = new BatchRun(client, certificate, batchId, params);

  const running = new Set<Promise<void>>();
  const seen = new Set<string>();
  let group: Queued[] = [];
  let groups = 0;
  const launch = async (members: Queued[]) => {
    while (running.size >= concurrency) await Promise.race(running);
    const task = run.group(groups++, members).finally(() => running.delete(task));
    running.add(task);
  };
  let position = 0;
  for await (const job of documents) {
    const docId = job.docId ?? `doc-${position + 1}`;
    const queued = { position: position++, docId, job };
    run.queue();
    if (seen.has(docId)) {
      await run.fail(queued, duplicateId(docId));
      continue;
    }
    seen.add(docId);
    group.push(queued);
    if (group.length === size) {
      await launch(group);
      group = [];
    }
  }
  if (group.length > 0) await launch(group);
  run.inputDone();
  await Promise.all(running);
  return run.result();
}

function duplicateId(docId: string): InvalidInputError {
  return new InvalidInputError({
    code: 'BATCH_DUPLICATE_DOC_ID',
    field: 'docId',
    message: {
      vi: `docId "${docId}" đã có trong lô; mỗi tài liệu cần một docId riêng.`,
      en: `docId "${docId}" appears twice in the batch; give each document its own docId.`,
    },
  });
}

/** One run of a batch: its results, counts and journal. */
class BatchRun {
  readonly #results: BatchDocumentResult[] = [];
  readonly #progress: BatchProgress = {
    queued: 0,
    inputDone: false,
    signed: 0,
    failed: 0,
    skipped: 0,
    pending: 0,
    transactions: 0,
  };

  constructor(
    readonly client: SmartCA,
    readonly certificate: SmartCACertificate,
    readonly batchId: string,
    readonly params: SignBatchParams,
  ) {}

  queue(): void {
    this.#progress.queued += 1;
    this.#report();
  }

  inputDone(): void {
    this.#progress.inputDone = true;
    this.#report();
  }

  result(): SignBatchResult {
    const { signed, failed, skipped, transactions } = this.#progress;
    return { documents: [...this.#results], signed, failed, skipped, transactions };
  }

  #report(): void {
    this.params.onProgress?.({ ...this.#progress });
  }

  async #settle(queued: Queued, result: BatchDocumentResult): Promise<void> {
    this.#results[queued.position] = result;
    this.#progress[result.status] += 1;
    await closeInput(queued.job);
    this.params.onDocument?.(result);
    this.#report();
  }

  fail(queued: Queued, error: unknown, transactionId?: string): Promise<void> {
    return this.#settle(queued, {
      docId: queued.docId,
      status: 'failed',
      error: BatchDocumentError.of(queued.docId, error),
      transactionId,
    });
  }

  #doneKey(docId: string): string {
    return `${this.batchId}/done/${docId}`;
  }

  /** Runs group `index` to the end. Never rejects: every failure lands in its documents' results. */
  async group(index: number, members: Queued[]): Promise<void> {
    const unsettled = new Set(members);
    try {
      await this.#group(index, members, unsettled);
    } catch (error) {
      for (const queued of unsettled) await this.fail(queued, error);
    }
  }

  async #group(index: number, members: Queued[], unsettled: Set<Queued>): Promise<void> {
    const journal = this.params.journal;
    const key = `${this.batchId}/${index}`;
    let todo = members;
    if (journal) {
      todo = [];
      for (const queued of members) {
        if ((await journal.get(this.#doneKey(queued.docId))) === undefined) todo.push(queued);
        else {
          unsettled.delete(queued);
          await this.#settle(queued, { docId: queued.docId, status: 'skipped' });
        }
      }
      if (todo.length === 0) return;
    }
    const stored = journal ? await journal.get(key) : undefined;
    const earlier = stored === undefined ? undefined : (JSON.parse(stored) as GroupEntry);
    const resuming = earlier !== undefined && earlier.state !== 'failed';
    const signingTime = resuming ? new Date(earlier.signingTime) : new Date();

    const prepared: Prepared[] = [];
    for (const queued of todo) {
      try {
        const job = await prepareJob(queued.job, queued.position, this.certificate, this.params, signingTime);
        prepared.push({ ...queued, ...job, digest: job.document.digestToSign });
      } catch (error) {
        unsettled.delete(queued);
        await this.fail(queued, error);
      }
    }

    // Resuming, the documents are those sent before (all of them, delivered or not, in that order), and
    // each one prepared again must hash to what was sent, or its signature could not fit it.
    const entry: GroupEntry = resuming
      ? earlier
      : {
          state: 'sending',
          attempt: (earlier?.attempt ?? 0) + 1,
          transactionId: '',
          signingTime: signingTime.toISOString(),
          documents: prepared.map((p) => ({
            docId: p.docId,
            digest: bytesToHex(p.digest),
            fileType: p.format === 'cms' ? 'other' : p.format,
            name: p.job.name,
          })),
        };
    if (!resuming) entry.transactionId = `${this.batchId}-${index + 1}-${entry.attempt}`;
    const ready: Prepared[] = [];
    for (const item of prepared) {
      const sent = entry.documents.find((d) => d.docId === item.docId);
      if (sent && sent.digest === bytesToHex(item.digest)) ready.push(item);
      else {
        unsettled.delete(item);
        await this.fail(item, resumeMismatch(item.docId, entry.transactionId), entry.transactionId);
      }
    }
    if (ready.length === 0) return;

    const transaction = await this.#signed(entry, key, ready, unsettled);
    if (!transaction) return;
    for (const item of ready) {
      try {
        const at = entry.documents.findIndex((d) => d.docId === item.docId);
        const signature = transaction.signatures[at];
        if (!signature) throw new TypeError(`SmartCA returned no signature for ${item.docId}`);
        const document = await item.document.finish(signature.signature);
        await this.params.output({ docId: item.docId, document });
        await journal?.put(this.#doneKey(item.docId), entry.transactionId);
        unsettled.delete(item);
        await this.#settle(item, { docId: item.docId, status: 'signed', transactionId: entry.transactionId });
      } catch (error) {
        unsettled.delete(item);
        await this.fail(item, error, entry.transactionId);
      }
    }
  }

  /** Sends (or, resuming, waits again for) the group's transaction; undefined when it failed. */
  async #signed(
    entry: GroupEntry,
    key: string,
    ready: Prepared[],
    unsettled: Set<Queued>,
  ): Promise<SignedTransaction | undefined> {
    const journal = this.params.journal;
    const documents = entry.documents.map((d) => ({
      docId: d.docId,
      digest: hexToBytes(d.digest) ?? new Uint8Array(0),
      fileType: d.fileType,
      name: d.name,
    }));
    this.#progress.transactions += 1;
    this.#progress.pending += 1;
    this.#report();
    try {
      let tx: SigningTransaction;
      if (entry.state === 'sent') {
        tx = this.client.signatures.resume({
          transactionId: entry.transactionId,
          providerId: entry.providerId,
          documents,
          certificate: this.certificate,
          createdAt: entry.createdAt ? new Date(entry.createdAt) : undefined,
        });
      } else {
        // Noted before sending: a crash between here and SmartCA's answer resends the same id and the
        // same digests, which SmartCA answers with the same transaction rather than a new one.
        await journal?.put(key, JSON.stringify(entry));
        tx = await this.client.signatures.sign({
          ...this.params,
          certificate: this.certificate,
          transactionId: entry.transactionId,
          documents,
          description: this.params.description ?? `${documents.length} tài liệu`,
        });
        entry.state = 'sent';
        entry.providerId = tx.providerId;
        entry.createdAt = tx.createdAt.toISOString();
        await journal?.put(key, JSON.stringify(entry));
      }
      this.params.onPending?.(tx.snapshot());
      return await tx.wait({ signal: this.params.signal, onUpdate: this.params.onUpdate });
    } catch (error) {
      // Settled without signatures (rejected, expired, refused): the next run sends a new transaction.
      if (journal && settledWithoutSignatures(error))
        await journal.put(key, JSON.stringify({ ...entry, state: 'failed' }));
      for (const item of ready) {
        unsettled.delete(item);
        await this.fail(item, error, entry.transactionId);
      }
      return undefined;
    } finally {
      this.#progress.pending -= 1;
      this.#report();
    }
  }
}

function resumeMismatch(docId: string, transactionId: string): BatchDocumentError {
  return new BatchDocumentError({
    code: 'BATCH_RESUME_MISMATCH',
    docId,
    transactionId,
    message: {
      vi: `Tài liệu "${docId}" đã thay đổi kể từ khi gửi trong giao dịch ${transactionId}, nên chữ ký SmartCA không còn khớp. Hãy ký lại tài liệu này trong một lô mới.`,
      en: `Document "${docId}" changed since it was sent in transaction ${transactionId}, so SmartCA's signature no longer fits it. Sign it again in a new batch.`,
    },
  });
}
