import {
  preparePdf,
  prepareXml,
  sniffFormat,
  type PreparedDocument,
  type SignerCertificate,
} from '@smartca-kit/documents';
import { base64ToBytes, bytesToBase64, bytesToHex, isSmartCAError } from '@smartca-kit/sdk/core';
import { str } from '../http/body.js';
import { unb64 } from '../pki/encoding.js';
import type { Authority } from '../pki/authority.js';
import type { CertificateRecord, TransactionRecord, WholeFile } from '../state/types.js';

/** `/csc/signature/sign` takes at most 10 files (V2 §5.2.3). */
export const MAX_WHOLE_FILES = 10;
/** The sandbox's limit per file; VNPT documents none. */
export const MAX_WHOLE_FILE_BYTES = 10 * 1024 * 1024;
/** The request body limit for whole-file signing: ten files at the limit, in base64, with room to spare. */
export const MAX_WHOLE_FILE_BODY_BYTES = 150 * 1024 * 1024;

/** A refusal in the gateway's terms. */
export interface FileRefusal {
  code: number;
  codeDesc: string;
  message: string;
}

/** The certificate as @smartca-kit/documents takes it: the DER and the sandbox's chain. */
export function signerOf(authority: Authority, cert: CertificateRecord): SignerCertificate {
  return { der: unb64(cert.certDer), chain: [unb64(authority.issuing.certDer), unb64(authority.root.certDer)] };
}

/**
 * Reads `datas[]` of `/csc/signature/sign` and prepares each file the way SmartCA's server signs it: a
 * PDF as a PAdES B-B incremental update, an XML document as an enveloped XMLDSig. The digest of each
 * becomes what the key signs on approval. Other types are refused with 64000, as VNPT refuses a file
 * type it does not sign (it also signs Office files; the sandbox cannot).
 */
export async function prepareWholeFiles(
  datas: unknown,
  signer: SignerCertificate,
  now: number,
): Promise<{ ok: true; files: TransactionRecord['files'] } | { ok: false; refusal: FileRefusal }> {
  const invalid = (message: string) => ({
    ok: false as const,
    refusal: { code: 30000, codeDesc: 'CLIENT_INPUT_INVALID', message },
  });
  if (!Array.isArray(datas) || datas.length === 0 || datas.length > MAX_WHOLE_FILES) {
    return invalid(`datas must hold 1 to ${MAX_WHOLE_FILES} files`);
  }
  const files: TransactionRecord['files'] = [];
  for (const [i, item] of datas.entries()) {
    const record = (item && typeof item === 'object' ? item : {}) as Record<string, unknown>;
    const name = str(record, 'name') ?? `document-${i + 1}`;
    const bytes = base64ToBytes(str(record, 'dataBase64') ?? '');
    if (!bytes || bytes.length === 0) return invalid(`datas[${i}].dataBase64 must be the file in base64`);
    if (bytes.length > MAX_WHOLE_FILE_BYTES) {
      return invalid(`datas[${i}] is ${bytes.length} bytes; the sandbox signs files up to ${MAX_WHOLE_FILE_BYTES}`);
    }
    const options = record.options;
    if (options !== undefined && options !== null && !isJsonText(options) && typeof options !== 'object') {
      return invalid(`datas[${i}].options must be the signature options as a JSON string`);
    }
    const format = await sniffFormat(bytes);
    if (format === 'cms') {
      return {
        ok: false,
        refusal: {
          code: 64000,
          codeDesc: 'CREDENTIAL_SIGN_FILE_UNSUPPORT_FILETYPE',
          message: `datas[${i}] (${name}) is neither a PDF nor an XML document`,
        },
      };
    }
    const document: WholeFile = { format, dataBase64: bytesToBase64(bytes), signingTime: now };
    try {
      const prepared = await prepareWholeFile(document, signer);
      files.push({ docId: name, fileType: format, name, digestHex: bytesToHex(prepared.digestToSign), document });
    } catch (error) {
      return invalid(
        `datas[${i}] (${name}) cannot be signed: ${isSmartCAError(error) ? error.message : String(error)}`,
      );
    }
  }
  return { ok: true, files };
}

/**
 * The signed file for `file` of a signed transaction, base64: the file prepared again (deterministic:
 * same bytes, certificate and signing time) and finished with the signature the key made on approval.
 * Kept for the last few transactions, so that polling does not sign the same file over and over.
 */
export function signedFileOf(
  tx: TransactionRecord,
  index: number,
  signer: SignerCertificate,
): Promise<string> | undefined {
  const file = tx.files[index];
  const signature = tx.signatures?.[index];
  if (tx.status !== 'signed' || !file?.document || !signature) return undefined;
  const key = `${tx.tranId}:${index}`;
  let signed = finished.get(key);
  if (!signed) {
    const document = file.document;
    signed = prepareWholeFile(document, signer)
      .then((prepared) => prepared.finish(unb64(signature)))
      .then(async (output) => bytesToBase64(await output.toBytes()));
    finished.set(key, signed);
    if (finished.size > MAX_FINISHED) finished.delete(finished.keys().next().value as string);
    signed.catch(() => finished.delete(key));
  }
  return signed;
}

const MAX_FINISHED = 40;
const finished = new Map<string, Promise<string>>();

function prepareWholeFile(file: WholeFile, signer: SignerCertificate): Promise<PreparedDocument> {
  const bytes = unb64(file.dataBase64);
  const signingTime = new Date(file.signingTime);
  return file.format === 'pdf'
    ? preparePdf(bytes, signer, { signingTime })
    : prepareXml(bytes, signer, { signingTime });
}

function isJsonText(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  try {
    JSON.parse(value);
    return true;
  } catch {
    return false;
  }
}
