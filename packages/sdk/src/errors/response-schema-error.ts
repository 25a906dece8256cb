import { SmartCAError, type BilingualMessage, type SmartCAErrorInit } from './smartca-error.js';

/** One problem found while validating a response, in zod's shape. */
export interface SchemaIssue {
  /** Path to the offending field, e.g. `['data', 'user_certificates', 0, 'cert_data']`. */
  path: PropertyKey[];
  /** What was wrong. */
  message: string;
  /** zod's issue code, e.g. `invalid_type`. */
  code: string;
}

/**
 * A SmartCA response did not have the shape the SDK expects: VNPT changed a field, or something in
 * between answered instead of SmartCA (a proxy's HTML error page, malformed JSON). `issues` lists what
 * did not match; `operation` names the call. The SDK never guesses past a drifted schema.
 *
 * @example
 * ```ts
 * catch (error) {
 *   if (error instanceof ResponseSchemaError) console.error(error.operation, error.issues);
 * }
 * ```
 */
export class ResponseSchemaError extends SmartCAError {
  static override readonly brand: string = 'ResponseSchemaError';

  /** What the person reads: the developer text names the API's workings. */
  protected static override userMessageFor(): BilingualMessage {
    return {
      vi: 'SmartCA đang gặp sự cố. Vui lòng thử lại sau ít phút.',
      en: 'SmartCA is having a problem. Please try again in a few minutes.',
    };
  }

  /** The fields that did not match. Empty when the body was not JSON at all. */
  readonly issues: SchemaIssue[];
  /** The SDK operation whose response drifted, e.g. `sp769.get_certificate`. */
  readonly operation: string;

  constructor(init: SmartCAErrorInit & { issues: SchemaIssue[]; operation: string }) {
    super(init);
    this.issues = init.issues;
    this.operation = init.operation;
  }
}
