import { SmartCAError, type SmartCAErrorInit } from './smartca-error.js';

/**
 * An eKYC submission was refused (commerce 64100/64101): an image is not a real JPEG/PNG, is too large,
 * too small, cut short or not landscape; or the pictures do not match (the face photo is a copy of the
 * card, both sides are the same picture, the face does not match the card). `field` names the image
 * and `reason` the problem. The registration stays at the eKYC step: send new pictures.
 *
 * @example
 * ```ts
 * catch (error) {
 *   if (error instanceof EkycRejectedError) retake(error.field, error.reason);
 * }
 * ```
 */
export class EkycRejectedError extends SmartCAError {
  static override readonly brand: string = 'EkycRejectedError';

  /** The image at fault: `front`, `back` or `face`. */
  readonly field: string | undefined;
  /** Why, e.g. `IMAGE_NOT_JPEG_OR_PNG`, `IMAGE_TOO_SMALL`, `FACE_MISMATCH`. */
  readonly reason: string;

  constructor(init: SmartCAErrorInit & { field?: string | undefined; reason: string }) {
    super(init);
    this.field = init.field;
    this.reason = init.reason;
  }
}
