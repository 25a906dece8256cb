import type { RevocationFetchOptions } from './fetch-options.js';
import { RevocationError } from './revocation-error.js';

const RETRY_DELAY_MS = 250;

/**
 * GETs or POSTs `url` and returns the body, retrying network errors, timeouts and 5xx (not 4xx: a
 * responder that says "no" will keep saying it). `what` names the service in messages ("OCSP", "CRL").
 *
 * @throws {@link RevocationError} `REVOCATION_UNREACHABLE` after the retries, `REVOCATION_BAD_RESPONSE` on a 4xx
 */
export async function fetchBytes(
  url: string,
  what: string,
  options: RevocationFetchOptions,
  post?: { body: Uint8Array; contentType: string; accept: string },
): Promise<Uint8Array> {
  const fetcher = options.fetch ?? globalThis.fetch;
  const attempts = 1 + Math.max(0, options.retries ?? 2);
  const timeoutMs = options.timeoutMs ?? 15_000;
  let problem = '';
  for (let attempt = 1; attempt <= attempts; attempt++) {
    options.signal?.throwIfAborted();
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
    try {
      const response = await fetcher(url, {
        method: post ? 'POST' : 'GET',
        signal,
        ...(post
          ? { body: post.body.slice(), headers: { 'content-type': post.contentType, accept: post.accept } }
          : {}),
      });
      if (response.ok) return new Uint8Array(await response.arrayBuffer());
      await response.body?.cancel();
      problem = `HTTP ${response.status}`;
      if (response.status < 500) throw badAnswer(url, what, problem);
    } catch (error) {
      if (error instanceof RevocationError) throw error;
      options.signal?.throwIfAborted();
      problem = timeout.aborted ? `no answer within ${timeoutMs} ms` : (error as Error).message;
    }
    if (attempt < attempts) await new Promise((resolve) => setTimeout(resolve, RETRY_DELAY_MS * attempt));
  }
  throw new RevocationError({
    code: 'REVOCATION_UNREACHABLE',
    url,
    message: {
      vi: `Không kết nối được dịch vụ ${what} ${url} sau ${attempts} lần thử (${problem}).`,
      en: `The ${what} service ${url} could not be reached after ${attempts} attempts (${problem}).`,
    },
  });
}

/** `REVOCATION_BAD_RESPONSE` for `url`. */
export function badAnswer(url: string, what: string, problem: string): RevocationError {
  return new RevocationError({
    code: 'REVOCATION_BAD_RESPONSE',
    url,
    message: {
      vi: `Dịch vụ ${what} ${url} trả lời không dùng được: ${problem}.`,
      en: `The ${what} service ${url} gave an unusable answer: ${problem}.`,
    },
  });
}
