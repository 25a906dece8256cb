import { SmartCAError, type SmartCAErrorInit } from '@smartca-kit/sdk/core';

/**
 * One document of a batch failed for a reason that is not already a {@link SmartCAError} (an output
 * sink that threw, a read error on the file), or could not be resumed: `BATCH_RESUME_MISMATCH` when a
 * document prepared again after a crash no longer hashes to what was sent to SmartCA (the file changed
 * in between), `BATCH_DOCUMENT_FAILED` otherwise, with the original error as `cause`. The other
 * documents of the batch are not affected.
 */
export class BatchDocumentError extends SmartCAError {
  static override readonly brand: string = 'BatchDocumentError';

  /** The document's id in the batch. */
  readonly docId: string;

  constructor(init: Omit<SmartCAErrorInit, 'status' | 'wireCode' | 'requestId'> & { docId: string }) {
    super(init);
    this.docId = init.docId;
  }

  /** `error` as a typed error of document `docId`: SmartCA errors as they are, anything else wrapped. */
  static of(docId: string, error: unknown): SmartCAError {
    if (error instanceof SmartCAError) return error;
    const detail = error instanceof Error ? error.message : String(error);
    return new BatchDocumentError({
      code: 'BATCH_DOCUMENT_FAILED',
      docId,
      message: {
        vi: `Không ký được tài liệu "${docId}": ${detail}. Các tài liệu khác của lô không bị ảnh hưởng.`,
        en: `Document "${docId}" could not be signed: ${detail}. The other documents of the batch are not affected.`,
      },
      cause: error,
    });
  }
}
