import { SmartCAError, type SmartCAErrorInit } from './smartca-error.js';

/**
 * The relay (or another smartca-kit server handler) refused a request body before acting on it: it
 * was over the route's byte limit (`status` 413, code `BODY_TOO_LARGE`), or it did not arrive within
 * the body timeout (`status` 408, code `BODY_TIMEOUT`). The limit is enforced while the body streams
 * in, so an oversized body is never held in memory. Nothing was sent to SmartCA.
 *
 * @example
 * ```ts
 * catch (error) {
 *   if (error instanceof RequestBodyError && error.status === 413) console.warn('body too large', error.code);
 * }
 * ```
 */
export class RequestBodyError extends SmartCAError {
  static override readonly brand: string = 'RequestBodyError';

  constructor(init: SmartCAErrorInit & { status: 408 | 413 }) {
    super(init);
  }
}
