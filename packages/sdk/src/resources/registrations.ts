import type { Registration, RegistrationDocument, RegistrationParams, RegistrationStatus } from '../model/commerce.js';
import { checkEkycImage } from '../commerce/validation/image.js';
import { orThrow } from '../commerce/validation/field-check.js';
import {
  checkCode,
  checkNewPassword,
  checkVerificationCode,
  validateRegistration,
} from '../commerce/validation/registration.js';
import { ApiError } from '../errors/api-error.js';
import { bytesToBase64 } from '../internal/bytes.js';
import type { ClientContext } from './client-context.js';
import { randomId } from '../internal/ids.js';
import { pollUntil } from '../internal/poll-until.js';
import { toRegistration, toRegistrationBody } from '../protocol/commerce/map.js';
import { wireRegistration } from '../protocol/commerce/schemas.js';
import type { StatusUpdate } from '../model/status-update.js';
import type { RequestOptions } from '../model/transaction.js';
import type { CertificatesResource } from './certificates.js';
import type { SignaturesResource } from './signatures.js';

/** Options of every step that changes a registration. */
export interface StepOptions extends RequestOptions {
  /** Names this step; retries reuse it. Default: a new UUID per call. */
  idempotencyKey?: string | undefined;
}

/** The three eKYC pictures: JPEG or PNG bytes. */
export interface EkycImages {
  /** The ID card's front. */
  front: Uint8Array;
  /** The ID card's back. */
  back: Uint8Array;
  /** The person's face. */
  face: Uint8Array;
}

/** Options of {@link RegistrationsResource.waitForStatus}. */
export interface WaitForRegistrationOptions extends RequestOptions {
  /** Gap between reads, ms. Default 2000. */
  intervalMs?: number | undefined;
  /** Give up after this many ms. Default: never. */
  timeoutMs?: number | undefined;
  /** Called with every read. */
  onUpdate?: ((registration: Registration) => void) | undefined;
}

/**
 * Registering a personal SmartCA certificate, step by step as the seed guide describes it (commerce
 * API, smartca-kit's extension): identity and package, payment if due, activation by SMS/email code,
 * eKYC, the service contract confirmed by OTP, VNPT-CA's appraisal, and the acceptance record signed
 * with the new key. Follow it with {@link RegistrationsResource.retrieve} or the `registration.updated`
 * webhook.
 *
 * @example
 * ```ts
 * let reg = await smartca.registrations.create({ identity, contact, pricingCode: 'PS0', deviceId });
 * reg = await smartca.registrations.activate(reg.id, { code: smsCode, password });
 * reg = await smartca.registrations.submitEkyc(reg.id, { front, back, face });
 * await smartca.registrations.requestContract(reg.id);           // sends the OTP
 * reg = await smartca.registrations.signContract(reg.id, { otp });  // WAITING_APPROVE (11)
 * // ... VNPT-CA approves: WAITING_SIGN_ACCEPTANCE (7)
 * reg = await smartca.registrations.signAcceptance(reg.id);        // VALID (0)
 * ```
 */
export class RegistrationsResource {
  readonly #ctx: ClientContext;
  readonly #certificates: CertificatesResource;
  readonly #signatures: SignaturesResource;

  constructor(ctx: ClientContext, certificates: CertificatesResource, signatures: SignaturesResource) {
    this.#ctx = ctx;
    this.#certificates = certificates;
    this.#signatures = signatures;
  }

  /**
   * Starts a registration (steps 2–3). Every field is checked first; a bad one throws
   * `InvalidInputError` naming it and nothing is sent. A name with an alternative tone-mark placement is
   * accepted as typed and listed in `toneMarkAlternatives`: show it so the user can compare with the card.
   */
  async create(params: RegistrationParams & StepOptions): Promise<Registration> {
    const checked = validateRegistration(params);
    return this.#step('registrations/create', toRegistrationBody(checked, params.identity.gender), params);
  }

  /** The registration as it is now. */
  async retrieve(registrationId: string, options: RequestOptions = {}): Promise<Registration> {
    return this.#read('registrations/get', registrationId, options);
  }

  /**
   * Step 5a: activates the account with the code sent by SMS and email, and sets the SmartCA password.
   * Five wrong codes lock the step for five minutes (`VerificationCodeError`).
   */
  async activate(
    registrationId: string,
    params: { code: string; password: string } & StepOptions,
  ): Promise<Registration> {
    return this.#step(
      'registrations/activate',
      {
        registrationId: id(registrationId),
        activationCode: orThrow(checkVerificationCode(params.code, 'code')),
        password: orThrow(checkNewPassword(params.password)),
      },
      params,
    );
  }

  /** Sends a new activation code (the old one stops working). */
  async resendActivationCode(registrationId: string, options: StepOptions = {}): Promise<Registration> {
    return this.#step('registrations/activation-code/resend', { registrationId: id(registrationId) }, options);
  }

  /**
   * Step 5b: eKYC. The images must really be JPEG or PNG within the limits; the SDK checks them before
   * sending and the server checks them again, then matches them (`EkycRejectedError` names the picture).
   */
  async submitEkyc(registrationId: string, images: EkycImages & StepOptions): Promise<Registration> {
    const body: Record<string, string> = { registrationId: id(registrationId) };
    for (const role of ['front', 'back', 'face'] as const) {
      orThrow(checkEkycImage(images[role], role, role));
      body[`${role}Image`] = bytesToBase64(images[role]);
    }
    return this.#step('registrations/ekyc', body, images);
  }

  /** Step 5c: the service contract to show the user; an OTP to confirm it goes to the user's phone. */
  async requestContract(registrationId: string, options: StepOptions = {}): Promise<RegistrationDocument> {
    return this.#ctx
      .commerce()
      .document(
        'registrations/contract',
        { registrationId: id(registrationId) },
        { ...options, idempotencyKey: options.idempotencyKey ?? randomId() },
      );
  }

  /** Step 5c: signs the contract with the OTP. The dossier then waits for appraisal: WAITING_APPROVE (11). */
  async signContract(registrationId: string, params: { otp: string } & StepOptions): Promise<Registration> {
    return this.#step(
      'registrations/contract/sign',
      { registrationId: id(registrationId), otp: orThrow(checkVerificationCode(params.otp, 'otp')) },
      params,
    );
  }

  /** Step 6: the acceptance record ("Biên bản nghiệm thu") to sign with the new certificate. */
  async acceptanceRecord(registrationId: string, options: RequestOptions = {}): Promise<RegistrationDocument> {
    return this.#ctx.commerce().document('registrations/acceptance', { registrationId: id(registrationId) }, options);
  }

  /**
   * Step 6, all of it: fetches the acceptance record, asks the user to sign its digest with the new
   * certificate through the normal SP769 sign flow (approved in the SmartCA app), verifies the returned
   * signature against the certificate and its chain, and hands it in. The certificate is then VALID (0).
   * Needs SP769 credentials as well as the gateway client.
   */
  async signAcceptance(
    registrationId: string,
    options: RequestOptions & {
      onUpdate?: ((update: StatusUpdate) => void) | undefined;
    } = {},
  ): Promise<Registration> {
    const registration = await this.retrieve(registrationId, options);
    if (registration.status !== 'awaiting-acceptance' || !registration.serialNumber) {
      throw new ApiError({
        code: 'REGISTRATION_STEP_INVALID',
        message: {
          vi: `Hồ sơ ${registrationId} chưa đến bước ký biên bản nghiệm thu (đang ở ${registration.status}).`,
          en: `Registration ${registrationId} is not waiting for the acceptance record (it is ${registration.status}).`,
        },
      });
    }
    const record = await this.acceptanceRecord(registrationId, options);
    const certificate = await this.#certificates.select({
      userId: registration.idNumber,
      serialNumber: registration.serialNumber,
      signal: options.signal,
    });
    const tx = await this.#signatures.sign({
      userId: registration.idNumber,
      certificate,
      description: record.title,
      documents: [{ docId: record.documentId, digest: record.digest, fileType: 'txt' }],
      signal: options.signal,
    });
    const signed = await tx.wait({ signal: options.signal, onUpdate: options.onUpdate });
    return this.submitAcceptance(registrationId, {
      transactionId: tx.id,
      signature: (signed.signatures[0] as { signature: Uint8Array }).signature,
    });
  }

  /** Hands in an acceptance signature obtained some other way (e.g. over the gateway). */
  async submitAcceptance(
    registrationId: string,
    params: { transactionId: string; signature: Uint8Array } & StepOptions,
  ): Promise<Registration> {
    return this.#step(
      'registrations/acceptance/submit',
      {
        registrationId: id(registrationId),
        transactionId: orThrow(checkCode(params.transactionId, 'transactionId', 'mã giao dịch')),
        signature: bytesToBase64(params.signature),
      },
      params,
    );
  }

  /** Polls until the registration reaches one of `statuses` (e.g. `['awaiting-acceptance', 'rejected']`). */
  async waitForStatus(
    registrationId: string,
    statuses: readonly RegistrationStatus[],
    options: WaitForRegistrationOptions = {},
  ): Promise<Registration> {
    return pollUntil(
      () => this.retrieve(registrationId, options),
      (r) => statuses.includes(r.status),
      {
        intervalMs: options.intervalMs ?? 2000,
        timeoutMs: options.timeoutMs,
        signal: options.signal,
        onUpdate: options.onUpdate,
      },
      `registration ${registrationId}`,
    );
  }

  async #read(path: string, registrationId: string, options: RequestOptions): Promise<Registration> {
    const answer = await this.#ctx
      .commerce()
      .call(path, { registrationId: id(registrationId) }, wireRegistration, options);
    return toRegistration(answer.content);
  }

  async #step(path: string, body: Record<string, unknown>, options: StepOptions): Promise<Registration> {
    const answer = await this.#ctx
      .commerce()
      .call(path, body, wireRegistration, { ...options, idempotencyKey: options.idempotencyKey ?? randomId() });
    return toRegistration(answer.content);
  }
}

function id(registrationId: string): string {
  return orThrow(checkCode(registrationId, 'registrationId', 'mã hồ sơ'));
}
