import type { BilingualMessage } from '../../errors/smartca-error.js';
import { InvalidInputError } from '../../errors/invalid-input-error.js';

/**
 * The outcome of checking one input field. Checks never throw, so the SDK (before sending) and the
 * sandbox (on receipt) can both run them and turn a failure into their own kind of answer.
 */
export type FieldCheck<T> =
  | {
      /** The field is acceptable. */
      ok: true;
      /** The value as it will be sent or stored (e.g. a name in NFC, a phone number in +84 form). */
      value: T;
    }
  | {
      /** The field is not acceptable. */
      ok: false;
      /** The field at fault, e.g. `identity.idNumber`. */
      field: string;
      /** A stable reason, e.g. `PROVINCE_CODE_UNKNOWN`. */
      reason: string;
      /** What is wrong and how to fix it, in Vietnamese and English, naming the field. */
      message: BilingualMessage;
    };

/** A passing check. */
export function pass<T>(value: T): FieldCheck<T> {
  return { ok: true, value };
}

/** A failing check. */
export function fail<T>(field: string, reason: string, vi: string, en: string): FieldCheck<T> {
  return { ok: false, field, reason, message: { vi, en } };
}

/** The value of a passing check, or an {@link InvalidInputError} naming the field. */
export function orThrow<T>(check: FieldCheck<T>): T {
  if (check.ok) return check.value;
  throw new InvalidInputError({ code: check.reason, field: check.field, message: check.message });
}
