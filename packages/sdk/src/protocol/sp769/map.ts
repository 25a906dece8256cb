import { SmartCACertificate } from '../../certificates/certificate.js';
import { ResponseSchemaError } from '../../errors/response-schema-error.js';
import { base64ToBytes, bytesToHex } from '../../internal/bytes.js';
import { messages } from '../../internal/messages.js';
import type { DocumentToSign } from '../../model/transaction.js';
import type { Sp769Certificate } from './schemas.js';

/** What the SDK asks SP769 to sign, in the SDK's terms. */
export interface Sp769SignInput {
  userId: string;
  transactionId: string;
  description: string | undefined;
  certificate: SmartCACertificate;
  documents: readonly DocumentToSign[];
  at: Date;
}

/** One `sign_files[]` item. */
export interface Sp769SignFile {
  data_to_be_signed: string;
  doc_id: string;
  file_type: string;
  sign_type: 'hash';
}

/** The body of `v1/signatures/sign` (and the base of TH's `v2/signatures/sign`), without credentials. */
export interface Sp769SignRequest {
  user_id: string;
  transaction_id: string;
  transaction_desc: string;
  serial_number: string;
  time_stamp: string;
  sign_files: Sp769SignFile[];
}

/** The SDK's sign input as SP769's body: digests in lowercase hex, `sign_type` hash. */
export function toSignRequest(input: Sp769SignInput): Sp769SignRequest {
  return {
    user_id: input.userId,
    transaction_id: input.transactionId,
    transaction_desc: input.description ?? '',
    serial_number: input.certificate.serialNumber,
    time_stamp: sp769Timestamp(input.at),
    sign_files: input.documents.map((doc) => ({
      data_to_be_signed: bytesToHex(doc.digest),
      doc_id: doc.docId,
      file_type: doc.fileType ?? 'pdf',
      sign_type: 'hash' as const,
    })),
  };
}

/** `time_stamp` as integrators send it: UTC `YYYYMMDDHHmmss` with a trailing `Z` (V1 example `20220316063000Z`). */
export function sp769Timestamp(at: Date): string {
  return at.toISOString().replace(/[-:T]/g, '').slice(0, 14) + 'Z';
}

/** One `user_certificates[]` item onto {@link SmartCACertificate}. */
export function toCertificate(item: Sp769Certificate, index: number, requestId: string): SmartCACertificate {
  const der = base64ToBytes(item.cert_data);
  const chain = [item.chain_data?.ca_cert, item.chain_data?.root_cert]
    .filter((c): c is string => typeof c === 'string' && c.length > 0)
    .map((c) => base64ToBytes(c))
    .filter((c): c is Uint8Array => c !== undefined);
  try {
    if (!der) throw new Error('cert_data is not base64');
    return new SmartCACertificate(der, {
      id: item.cert_id ?? undefined,
      serviceType: item.service_type ?? undefined,
      serviceName: item.service_name ?? undefined,
      statusText: item.cert_status === null || item.cert_status === undefined ? undefined : String(item.cert_status),
      statusCode:
        item.cert_status_code === null || item.cert_status_code === undefined
          ? undefined
          : String(item.cert_status_code),
      wireSubject: item.cert_subject ?? undefined,
      chain,
    });
  } catch (cause) {
    throw new ResponseSchemaError({
      code: 'RESPONSE_SCHEMA_MISMATCH',
      requestId,
      operation: 'sp769.get_certificate',
      message: messages.schemaDrift('sp769.get_certificate'),
      cause,
      issues: [
        {
          path: ['data', 'user_certificates', index, 'cert_data'],
          code: 'invalid_certificate',
          message: 'cert_data is not a DER X.509 certificate in base64',
        },
      ],
    });
  }
}
