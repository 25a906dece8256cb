import { SmartCAError, type SmartCAErrorInit } from '@smartca-kit/sdk/core';

/** The kind of document a {@link DocumentFormatError} is about. */
export type DocumentFormat = 'pdf' | 'xml' | 'cms';

/**
 * The document cannot be signed or verified as given: not a PDF, a truncated or encrypted PDF, XML that
 * is malformed or declares a DOCTYPE, a CMS blob that is not SignedData, and so on. Raised before
 * anything is sent to SmartCA, so nothing was charged and no output file was written. `code` says what
 * is wrong (`PDF_NOT_PDF`, `PDF_TRUNCATED`, `PDF_ENCRYPTED`, `PDF_UNSUPPORTED`, `XML_MALFORMED`,
 * `XML_DOCTYPE_FORBIDDEN`, `XML_ENCODING_UNSUPPORTED`, `CMS_MALFORMED`, `CMS_CONTENT_MISSING`;
 * `PDF_ENCRYPTED_UNVERIFIABLE` when verifying), the bilingual message what to do about it.
 *
 * @example
 * ```ts
 * catch (error) {
 *   if (error instanceof DocumentFormatError && error.code === 'PDF_ENCRYPTED') askForUnprotectedCopy();
 * }
 * ```
 */
export class DocumentFormatError extends SmartCAError {
  static override readonly brand: string = 'DocumentFormatError';

  /** Which format the document was read as. */
  readonly format: DocumentFormat;
  /** Byte offset of the problem, when there is one. */
  readonly offset: number | undefined;

  constructor(
    init: Omit<SmartCAErrorInit, 'status' | 'wireCode' | 'requestId' | 'transactionId'> & {
      format: DocumentFormat;
      offset?: number | undefined;
    },
  ) {
    super(init);
    this.format = init.format;
    this.offset = init.offset;
  }
}
