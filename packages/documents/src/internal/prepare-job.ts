// Preparing one document of a signing job, shared by signDocuments (one transaction) and signBatch
// (many): the format sniffed or given, the batch's level applied, and the format's preparer run.
import { InvalidInputError } from '@smartca-kit/sdk/core';
import { prepareCms, type CmsSignatureOptions } from '../cms/detached.js';
import type { SignerCertificate } from '../cms/signer.js';
import { preparePdf } from '../pdf/index.js';
import type { PdfSignatureOptions } from '../pdf/prepare.js';
import type { PreparedDocument } from '../prepared-document.js';
import { toByteSource, type DocumentInput } from '../source/byte-source.js';
import type { SignedFormat } from '../source/signed-document.js';
import type { LevelOptions } from '../timestamp/signature-level.js';
import { prepareXml, type XmlSignatureOptions } from '../xml/index.js';

/** One document to sign, and how. */
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

/** A job's document, prepared: what SmartCA must sign, and how to finish it. */
export interface PreparedJob {
  format: SignedFormat;
  document: PreparedDocument;
}

type Preparer = (input: DocumentInput, signer: SignerCertificate, job: DocumentJob) => Promise<PreparedDocument>;

const PREPARERS: Record<SignedFormat, Preparer> = {
  pdf: (input, signer, job) => preparePdf(input, signer, job.pdf),
  cms: (input, signer, job) => prepareCms(input, signer, job.cms),
  xml: (input, signer, job) => prepareXml(input, signer, job.xml),
};

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

/**
 * The job with `signingTime` as its claimed signing time where the job gives none. A batch resumed
 * after a crash prepares its documents again at the time it first used, so that they hash to exactly
 * the digests SmartCA was already asked to sign.
 */
function withSigningTime(job: DocumentJob, format: SignedFormat, signingTime: Date | undefined): DocumentJob {
  if (!signingTime) return job;
  if (format === 'pdf') return { ...job, pdf: { signingTime, ...job.pdf } };
  if (format === 'cms') return { ...job, cms: { signingTime, ...job.cms } };
  return { ...job, xml: { signingTime, ...job.xml } };
}

/** Prepares `job` (the `index`th of its call) for `certificate`, at the call's level and signing time. */
export async function prepareJob(
  job: DocumentJob,
  index: number,
  certificate: SignerCertificate,
  level: LevelOptions,
  signingTime?: Date,
): Promise<PreparedJob> {
  const format = job.format ?? (await sniffFormat(job.input));
  const ready = withSigningTime(withLevel(job, format, level, index), format, signingTime);
  return { format, document: await PREPARERS[format](job.input, certificate, ready) };
}
