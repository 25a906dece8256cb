import { InvalidInputError } from '../../errors/invalid-input-error.js';
import { RequestBodyError } from '../../errors/request-body-error.js';
import { RELAY_REQUEST_CODES } from '../contract/error-body.js';

/** How much of a request body the relay reads, and how long it waits for it. */
export interface BodyLimits {
  /** The most bytes read; one more and the request is refused with 413. */
  maxBytes: number;
  /** The longest the whole body may take to arrive, in ms; then 408. */
  timeoutMs: number;
}

/**
 * The byte limit of a route that declares none. Every relay body is a small JSON object: a status
 * call's `{ "waitSeconds": 25 }` is 20 bytes, an order with a 2 KiB return URL about 2.2 KiB.
 */
export const DEFAULT_BODY_LIMIT_BYTES = 4 * 1024;
/** The body timeout of a relay that sets none: a 64 KiB body takes milliseconds on any real link. */
export const DEFAULT_BODY_TIMEOUT_MS = 10_000;

/**
 * Refuses at once a body whose declared `Content-Length` is over `maxBytes`, before reading a byte.
 * A chunked body declares nothing; {@link readBodyText} enforces the limit on it while it streams.
 */
export function assertDeclaredLength(request: Request, maxBytes: number): void {
  const declared = request.headers.get('content-length')?.trim();
  if (declared && /^\d+$/.test(declared) && Number(declared) > maxBytes) throw tooLarge(maxBytes);
}

/**
 * The request body as UTF-8 text, read chunk by chunk. Reading stops, and the stream is cancelled, as
 * soon as the body passes `maxBytes` (413) or takes longer than `timeoutMs` (408), so an oversized or
 * trickling body costs at most `maxBytes` of memory and `timeoutMs` of a connection. (Fetch's own
 * `request.text()` buffers the whole body first: a 100 MB POST cost the process 400 MB.)
 *
 * @throws {@link RequestBodyError} over the limit or the timeout; {@link InvalidInputError} when the
 *   body is not UTF-8 or its stream broke (the client went away).
 */
export async function readBodyText(request: Request, limits: BodyLimits): Promise<string> {
  assertDeclaredLength(request, limits.maxBytes);
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(tooSlow(limits.timeoutMs)), limits.timeoutMs);
  });
  try {
    for (;;) {
      const { done, value } = await Promise.race([reader.read(), late]);
      if (done) break;
      size += value.byteLength;
      if (size > limits.maxBytes) throw tooLarge(limits.maxBytes);
      chunks.push(value);
    }
  } catch (error) {
    void reader.cancel().catch(() => undefined);
    if (error instanceof RequestBodyError) throw error;
    throw badBody('the body could not be read to its end');
  } finally {
    clearTimeout(timer);
  }
  return decodeUtf8(chunks, size);
}

function decodeUtf8(chunks: readonly Uint8Array[], size: number): string {
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw badBody('the body is not UTF-8');
  }
}

/** The relay's 400 for a body it cannot use; `detail` says what is wrong, never echoing the body. */
export function badBody(detail: string): InvalidInputError {
  return new InvalidInputError({
    code: RELAY_REQUEST_CODES.BAD_REQUEST,
    field: 'body',
    message: {
      vi: `Yêu cầu gửi tới máy chủ ký số không hợp lệ (${detail}).`,
      en: `The request to the signing relay is malformed (${detail}).`,
    },
  });
}

function tooLarge(maxBytes: number): RequestBodyError {
  return new RequestBodyError({
    status: 413,
    code: RELAY_REQUEST_CODES.BODY_TOO_LARGE,
    message: {
      vi: `Nội dung yêu cầu vượt quá ${maxBytes} byte, giới hạn của chức năng này trên máy chủ ký số.`,
      en: `The request body is over ${maxBytes} bytes, the signing relay's limit for this route.`,
    },
  });
}

function tooSlow(timeoutMs: number): RequestBodyError {
  return new RequestBodyError({
    status: 408,
    code: RELAY_REQUEST_CODES.BODY_TIMEOUT,
    message: {
      vi: `Nội dung yêu cầu không đến đủ trong ${timeoutMs / 1000} giây. Vui lòng thử lại.`,
      en: `The request body did not arrive within ${timeoutMs / 1000} s. Try again.`,
    },
  });
}
