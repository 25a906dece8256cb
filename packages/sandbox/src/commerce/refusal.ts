import { COMMERCE_CODES, type BilingualMessage, type CommerceCodeName, type FieldCheck } from '@smartca-kit/sdk';
import { gateway } from '../http/reply.js';

/**
 * Why the commerce API refuses a request: a code of {@link COMMERCE_CODES} with a bilingual message,
 * and, for field errors, the wire field and a stable reason. Returned (not thrown) by the commerce
 * logic, which checks everything before it changes anything, so a refusal never leaves half a change.
 */
export class Refusal {
  readonly code: number;
  readonly codeDesc: CommerceCodeName;
  readonly messages: BilingualMessage;
  readonly status: number;
  readonly content: Record<string, unknown>;

  constructor(name: CommerceCodeName, messages: BilingualMessage, content: Record<string, unknown> = {}, status = 400) {
    this.code = COMMERCE_CODES[name];
    this.codeDesc = name;
    this.messages = messages;
    this.content = content;
    this.status = status;
  }

  /** The gateway-style envelope: `message` in Vietnamese, `content` with the field, reason and both languages. */
  toResponse(): Response {
    return gateway(
      this.code,
      this.codeDesc,
      this.messages.vi,
      { ...this.content, messages: this.messages },
      this.status,
    );
  }
}

/** A refusal with a message in both languages. */
export function refuse(name: CommerceCodeName, vi: string, en: string, content: Record<string, unknown> = {}): Refusal {
  return new Refusal(name, { vi, en }, content);
}

/** A failed field check as a refusal (30000 unless another code fits better). */
export function fieldRefusal(
  check: Extract<FieldCheck<unknown>, { ok: false }>,
  name: CommerceCodeName = 'CLIENT_INPUT_INVALID',
): Refusal {
  return new Refusal(name, check.message, { field: check.field, reason: check.reason });
}

/** A refusal or a value: what every commerce operation returns. */
export type Outcome<T> = T | Refusal;
