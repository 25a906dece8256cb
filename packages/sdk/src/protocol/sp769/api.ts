import type { z } from 'zod';
import { parseInner } from '../../internal/parse.js';
import type { RetryPolicy, Transport } from '../../internal/transport.js';
import type { RequestOptions } from '../../transaction/types.js';
import { mapSp769Failure } from './errors.js';
import {
  sp769CertificatesData, sp769Envelope, sp769SignData, sp769StatusData, sp769ThConfirmData, sp769ThSignData,
} from './schemas.js';

/** SP769 partner credentials: the Client ID and Client secret VNPT emails to the partner. */
export interface Sp769Credentials {
  /** `sp_id`. */
  spId: string;
  /** `sp_password`. Never logged, never put in an error. */
  spPassword: string;
}

/** One `sign_files[]` item, already in wire form. */
export interface Sp769SignFile {
  data_to_be_signed: string;
  doc_id: string;
  file_type: string;
  sign_type: 'hash';
}

/** Fields of `v1/signatures/sign` besides the credentials. */
export interface Sp769SignRequest {
  user_id: string;
  transaction_id: string;
  transaction_desc: string;
  serial_number: string;
  time_stamp: string;
  sign_files: Sp769SignFile[];
}

type Answer<T> = { data: T; message: string; requestId: string };

/**
 * The SP769 wire calls, one method per endpoint, on VNPT's paths under `/sca/sp769`. Everything here
 * speaks VNPT's field names; the resources translate to the SDK's model.
 */
export class Sp769Api {
  readonly #transport: Transport;
  readonly #baseUrl: string;
  readonly #credentials: () => Sp769Credentials;

  constructor(transport: Transport, baseUrl: string, credentials: () => Sp769Credentials) {
    this.#transport = transport;
    this.#baseUrl = baseUrl;
    this.#credentials = credentials;
  }

  /** `v1/credentials/get_certificate` (or `v2/...` for SmartCA TH, as VNPT's TH sample calls it). */
  getCertificate(body: { user_id: string; serial_number: string; transaction_id: string }, options: RequestOptions,
    version: 'v1' | 'v2' = 'v1'): Promise<Answer<z.infer<typeof sp769CertificatesData>>> {
    return this.#call(`${version}/credentials/get_certificate`, 'sp769.get_certificate', body, sp769CertificatesData,
      'idempotent', options);
  }

  /**
   * `v1/signatures/sign`. Retried safely: SmartCA treats `transaction_id` as unique, so a retry with the
   * same id replays the same transaction instead of creating a second one.
   */
  sign(body: Sp769SignRequest, options: RequestOptions): Promise<Answer<z.infer<typeof sp769SignData>>> {
    return this.#call('v1/signatures/sign', 'sp769.sign', body, sp769SignData, 'idempotent', options);
  }

  /** `v1/signatures/sign/{transaction_id}/status`, polled by the SP's own id as VNPT's PHP sample does. */
  status(transactionId: string, options: RequestOptions): Promise<Answer<z.infer<typeof sp769StatusData>>> {
    return this.#call(`v1/signatures/sign/${encodeURIComponent(transactionId)}/status`, 'sp769.status', {},
      sp769StatusData, 'idempotent', options);
  }

  /** `v2/signatures/sign` (SmartCA TH): password + OTP instead of an app approval. */
  thSign(body: Sp769SignRequest & { password: string; otp: string }, options: RequestOptions):
  Promise<Answer<z.infer<typeof sp769ThSignData>>> {
    return this.#call('v2/signatures/sign', 'sp769.th_sign', body, sp769ThSignData, 'idempotent', options);
  }

  /** `v2/signatures/confirm`: exchanges the `sad` for the signatures. Single use, so never retried blindly. */
  thConfirm(body: { user_id: string; password: string; sad: string; transaction_id: string }, options: RequestOptions):
  Promise<Answer<z.infer<typeof sp769ThConfirmData>>> {
    return this.#call('v2/signatures/confirm', 'sp769.th_confirm', body, sp769ThConfirmData, 'server-signalled',
      options);
  }

  async #call<T>(path: string, operation: string, body: object, schema: z.ZodType<T>, retry: RetryPolicy,
    options: RequestOptions): Promise<Answer<T>> {
    const { spId, spPassword } = this.#credentials();
    const result = await this.#transport.request({
      operation, url: `${this.#baseUrl}/${path}`, json: { sp_id: spId, sp_password: spPassword, ...body },
      schema: sp769Envelope, retry, mapError: mapSp769Failure,
      signal: options.signal, timeout: options.timeout, maxRetries: options.maxRetries,
    });
    const envelope = result.data;
    // SP769 mirrors status_code in the HTTP status, but a proxy may answer 200 around an error body.
    if (envelope.status_code !== 200) {
      throw mapSp769Failure({ status: envelope.status_code, body: envelope, requestId: result.requestId });
    }
    const data = parseInner(schema, envelope.data, { field: 'data', operation, requestId: result.requestId,
      status: result.status });
    return { data, message: envelope.message, requestId: result.requestId };
  }
}
