import type { SmartCACertificate } from '../../certificates/certificate.js';
import { randomId } from '../../internal/ids.js';
import { parseInner } from '../../internal/parse.js';
import type { RetryPolicy, Transport } from '../../internal/transport.js';
import type { StatusUpdate } from '../../model/status-update.js';
import type { RequestOptions } from '../../model/transaction.js';
import { mapSp769Failure } from './errors.js';
import { toCertificate, toSignRequest, type Sp769SignInput } from './map.js';
import {
  sp769CertificatesData,
  sp769Envelope,
  sp769SignData,
  sp769StatusData,
  sp769ThConfirmData,
  sp769ThSignData,
} from './schemas.js';
import { sp769Update } from './status.js';
import type { Schema } from '../../internal/lazy-schema.js';

/** SP769 partner credentials: the Client ID and Client secret VNPT emails to the partner. */
export interface Sp769Credentials {
  /** `sp_id`. */
  spId: string;
  /** `sp_password`. Never logged, never put in an error. */
  spPassword: string;
}

/** An accepted sign request. */
export interface Sp769Accepted {
  transactionId: string;
  providerId: string | undefined;
  requestId: string;
}

/**
 * The SP769 wire calls, one method per endpoint, on VNPT's paths under `/sca/sp769`. Arguments and
 * results are in the SDK's terms; VNPT's field names stay inside this folder.
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

  /** `v1/credentials/get_certificate`: the user's certificates, optionally one serial number. */
  async getCertificates(
    userId: string,
    serialNumber: string | undefined,
    options: RequestOptions,
  ): Promise<SmartCACertificate[]> {
    const { data, requestId } = await this.#call(
      'v1/credentials/get_certificate',
      'sp769.get_certificate',
      { user_id: userId, serial_number: serialNumber ?? '', transaction_id: randomId() },
      sp769CertificatesData,
      'idempotent',
      options,
    );
    return data.user_certificates.map((item, index) => toCertificate(item, index, requestId));
  }

  /**
   * `v1/signatures/sign`. Retried safely: SmartCA treats `transaction_id` as unique, so a retry with the
   * same id replays the same transaction instead of creating a second one.
   */
  async sign(input: Sp769SignInput, options: RequestOptions): Promise<Sp769Accepted> {
    const { data, requestId } = await this.#call(
      'v1/signatures/sign',
      'sp769.sign',
      toSignRequest(input),
      sp769SignData,
      'idempotent',
      options,
    );
    return { transactionId: data.transaction_id, providerId: data.tran_code ?? undefined, requestId };
  }

  /**
   * `v1/signatures/sign/{transaction_id}/status`, polled by the SP's own id with the body `{}` and no
   * credentials, exactly as VNPT's PHP sample does (V1 lists no body parameters): the partner secret
   * goes nowhere it is not needed.
   */
  async status(transactionId: string, options: RequestOptions): Promise<StatusUpdate> {
    const answer = await this.#call(
      `v1/signatures/sign/${encodeURIComponent(transactionId)}/status`,
      'sp769.status',
      {},
      sp769StatusData,
      'idempotent',
      options,
      false,
    );
    return sp769Update(answer.message, answer.data?.signatures, answer.requestId);
  }

  /** `v2/signatures/sign` (SmartCA TH): password + OTP instead of an app approval; returns the `sad`. */
  async thSign(
    input: Sp769SignInput & { password: string; otp: string },
    options: RequestOptions,
  ): Promise<Sp769Accepted & { sad: string; lifetimeSeconds: number }> {
    const { data, requestId } = await this.#call(
      'v2/signatures/sign',
      'sp769.th_sign',
      { ...toSignRequest(input), password: input.password, otp: input.otp },
      sp769ThSignData,
      'idempotent',
      options,
    );
    return {
      transactionId: data.transaction_id,
      providerId: data.tran_code ?? undefined,
      requestId,
      sad: data.sad,
      lifetimeSeconds: data.expired_in ?? 299,
    };
  }

  /** `v2/signatures/confirm`: spends the `sad` for the signatures. Single use, so never retried blindly. */
  async thConfirm(
    input: { userId: string; password: string; sad: string; transactionId: string },
    options: RequestOptions,
  ): Promise<StatusUpdate> {
    const answer = await this.#call(
      'v2/signatures/confirm',
      'sp769.th_confirm',
      { user_id: input.userId, password: input.password, sad: input.sad, transaction_id: input.transactionId },
      sp769ThConfirmData,
      'server-signalled',
      options,
    );
    return sp769Update(answer.message, answer.data.signatures, answer.requestId);
  }

  async #call<T>(
    path: string,
    operation: string,
    body: object,
    schema: Schema<T>,
    retry: RetryPolicy,
    options: RequestOptions,
    withCredentials = true,
  ): Promise<{ data: T; message: string | undefined; requestId: string }> {
    const { spId, spPassword } = this.#credentials();
    const result = await this.#transport.request({
      operation,
      url: `${this.#baseUrl}/${path}`,
      json: withCredentials ? { sp_id: spId, sp_password: spPassword, ...body } : body,
      schema: sp769Envelope,
      retry,
      mapError: mapSp769Failure,
      signal: options.signal,
      timeout: options.timeout,
      maxRetries: options.maxRetries,
    });
    const envelope = result.data;
    // SP769 mirrors status_code in the HTTP status, but a proxy may answer 200 around an error body.
    if (envelope.status_code !== 200) {
      throw mapSp769Failure({ status: envelope.status_code, body: envelope, requestId: result.requestId });
    }
    const data = parseInner(schema, envelope.data, {
      field: 'data',
      operation,
      requestId: result.requestId,
      status: result.status,
    });
    return { data, message: envelope.message ?? undefined, requestId: result.requestId };
  }
}
