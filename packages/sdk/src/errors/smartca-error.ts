/**
 * A message in both languages the product speaks. Vietnamese is what citizens read; English is what
 * developers and logs read.
 */
export interface BilingualMessage {
  /** Vietnamese text. */
  vi: string;
  /** English text. */
  en: string;
}

/** Everything a {@link SmartCAError} is built from. */
export interface SmartCAErrorInit {
  /** A stable code: VNPT's own name where the wire has one (e.g. `CREDENTIAL_STATUS_INVALID`). */
  code: string;
  /**
   * The message for developers and logs, in Vietnamese and English: what failed, in the terms of the
   * API (which credentials, which field). Must never contain a secret.
   */
  message: BilingualMessage;
  /**
   * The message for the person using the product (a citizen, a bank's customer), when it differs from
   * `message`: what happened in their terms, and what to do next. Default: `message`.
   */
  userMessage?: BilingualMessage | undefined;
  /** HTTP status of the response that caused the error, when there was one. */
  status?: number | undefined;
  /** Numeric code on the wire: SP769 `status_code`, gateway `code` or `tranStatus`. */
  wireCode?: number | undefined;
  /** The request id of the failing call (server's `x-request-id`, else the id the SDK sent). */
  requestId?: string | undefined;
  /** The signing transaction the error is about, when there is one. */
  transactionId?: string | undefined;
  /** The underlying error. Only causes that cannot carry request bodies are attached. */
  cause?: unknown;
}

// A registry-wide symbol, so that two copies of this package (one bundled by a dependency, one by the
// app) recognise each other's errors. `instanceof` consults the brands, not the prototype chain.
const BRANDS = Symbol.for('smartca-kit.error.brands');

type Branded = { [BRANDS]?: readonly string[] };

/**
 * The base class of every error the SDK throws.
 *
 * `instanceof` works across duplicate copies of the package: each class carries a brand string and
 * `Symbol.hasInstance` checks brands rather than prototypes.
 *
 * @example
 * ```ts
 * try {
 *   await tx.wait();
 * } catch (error) {
 *   if (error instanceof SmartCAError) {
 *     console.error(error.code, error.requestId, error.message); // for developers
 *     showToUser(error.userMessages.vi); // for the citizen
 *   }
 * }
 * ```
 */
export class SmartCAError extends Error {
  /** The brand `instanceof` checks for. Every subclass declares its own. */
  static readonly brand: string = 'SmartCAError';

  /**
   * The person's message for an error of this class with `code`, when it differs from the developers'
   * and the error was given none: a class whose developer text names the API's workings (credentials,
   * HTTP, schemas) overrides this. The texts live in each class's file, so a bundle carries only those
   * of the classes it uses.
   */
  protected static userMessageFor(_code: string): BilingualMessage | undefined {
    return undefined;
  }

  /** A stable code: VNPT's own name where the wire has one. */
  readonly code: string;
  /** HTTP status of the response that caused the error, when there was one. */
  readonly status: number | undefined;
  /** Numeric code on the wire (`status_code`, `code` or `tranStatus`), when there was one. */
  readonly wireCode: number | undefined;
  /** The request id of the failing call, for support tickets and logs. */
  readonly requestId: string | undefined;
  /** The signing transaction the error is about, when there is one. */
  readonly transactionId: string | undefined;
  /** The developers' message in Vietnamese and English. `message` holds the English text. */
  readonly messages: BilingualMessage;
  /**
   * The message to show the person using the product, in Vietnamese and English: the same as
   * {@link messages} unless the error was given a separate one (an unknown user id reads "no SmartCA
   * certificate for this citizen ID", not "the partner credentials or the user id were refused").
   */
  readonly userMessages: BilingualMessage;

  constructor(init: SmartCAErrorInit) {
    super(init.message.en, init.cause === undefined ? undefined : { cause: init.cause });
    // `this.constructor`, not `new.target`: terser inlines collectBrands into an IIFE, where
    // `new.target` is undefined, which left every error of the minified CDN bundle without brands.
    const brands = collectBrands(this.constructor);
    Object.defineProperty(this, BRANDS, { value: brands, enumerable: false });
    // The last brand is the concrete class. Minifiers rename classes, brands survive.
    this.name = brands[brands.length - 1] ?? 'SmartCAError';
    this.code = init.code;
    this.status = init.status;
    this.wireCode = init.wireCode;
    this.requestId = init.requestId;
    this.transactionId = init.transactionId;
    this.messages = { vi: init.message.vi, en: init.message.en };
    const user =
      init.userMessage ?? (this.constructor as typeof SmartCAError).userMessageFor(init.code) ?? init.message;
    this.userMessages = { vi: user.vi, en: user.en };
  }

  /** The message in the requested language: the developers' by default, or the user's. */
  localizedMessage(lang: 'vi' | 'en', audience: 'developer' | 'user' = 'developer'): string {
    return (audience === 'user' ? this.userMessages : this.messages)[lang];
  }

  /**
   * Makes `instanceof` check brand strings instead of the prototype chain, so that it recognises errors
   * from duplicate copies of the package: true when `value` carries this class's brand.
   */
  static override [Symbol.hasInstance](value: unknown): boolean {
    if (typeof value !== 'object' || value === null) return false;
    const brands = (value as Branded)[BRANDS];
    return Array.isArray(brands) && brands.includes(this.brand);
  }
}

function collectBrands(ctor: unknown): string[] {
  const brands: string[] = [];
  let current: unknown = ctor;
  while (typeof current === 'function') {
    const brand = (current as { brand?: unknown }).brand;
    if (Object.prototype.hasOwnProperty.call(current, 'brand') && typeof brand === 'string') brands.unshift(brand);
    current = Object.getPrototypeOf(current);
  }
  return brands;
}

/** True when `value` is any error thrown by smartca-kit, from this copy of the package or another. */
export function isSmartCAError(value: unknown): value is SmartCAError {
  return value instanceof SmartCAError;
}
