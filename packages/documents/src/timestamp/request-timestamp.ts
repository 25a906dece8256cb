import { sha256 } from '../hash/sha256.js';
import { TimestampError } from './timestamp-error.js';
import { buildTimestampQuery } from './timestamp-query.js';
import { readTimestampAnswer, type TimestampToken } from './timestamp-response.js';

export type { TimestampToken } from './timestamp-response.js';

/** Options of {@link requestTimestamp}. */
export interface TimestampOptions {
  /** Send a random nonce and require it back. Default true. */
  nonce?: boolean | undefined;
  /** Ask for the TSA's certificate in the token. Default true (validators need it). */
  certReq?: boolean | undefined;
  /** The TSA policy OID to ask for. Default: the TSA's own. */
  policy?: string | undefined;
  /** Milliseconds one attempt may take. Default 15 000. */
  timeoutMs?: number | undefined;
  /** Further attempts after a network error, a timeout or a 5xx. Default 2. */
  retries?: number | undefined;
  /** Cancels the whole request, retries included. */
  signal?: AbortSignal | undefined;
  /** Extra request headers (a TSA that wants an API key or Basic authentication). */
  headers?: Record<string, string> | undefined;
  /** The fetch to use. Default `globalThis.fetch`. */
  fetch?: typeof globalThis.fetch | undefined;
}

/** Where an RFC 3161 TSA is, and how to ask it. */
export interface TsaOptions extends TimestampOptions {
  /** The TSA's URL, e.g. `http://tsa.vnpt-ca.vn` (RFC 3161 over HTTP). */
  url: string;
}

const RETRY_DELAY_MS = 250;

/**
 * Asks an RFC 3161 TSA to timestamp `digest` (a SHA-256 value, e.g. of a SignatureValue) over
 * HTTP: POST `application/timestamp-query`, answer `application/timestamp-reply`. Only a URL is
 * needed; the answer is checked (status, imprint, nonce, the token's signature and its signer's
 * timeStamping key usage) but the TSA's chain is left to the validator, as for the signer's.
 *
 * @throws {@link TimestampError} `TSA_UNREACHABLE`, `TSA_REFUSED` or `TSA_BAD_RESPONSE`
 * @example
 * ```ts
 * const token = await requestTimestamp('http://tsa.vnpt-ca.vn', sha256(signatureValue));
 * console.log(token.genTime);
 * ```
 */
export async function requestTimestamp(
  url: string,
  digest: Uint8Array,
  options: TimestampOptions = {},
): Promise<TimestampToken> {
  if (digest.length !== 32) {
    throw new TimestampError({
      code: 'TSA_BAD_RESPONSE',
      url,
      message: {
        vi: `Giá trị cần đóng dấu thời gian phải là SHA-256 (32 byte), không phải ${digest.length} byte.`,
        en: `The value to timestamp must be a SHA-256 digest (32 bytes), not ${digest.length} bytes.`,
      },
    });
  }
  const query = buildTimestampQuery(digest, {
    nonce: options.nonce ?? true,
    certReq: options.certReq ?? true,
    policy: options.policy,
  });
  const fetcher = options.fetch ?? globalThis.fetch;
  const attempts = 1 + Math.max(0, options.retries ?? 2);
  let lastProblem = '';
  for (let attempt = 1; attempt <= attempts; attempt++) {
    options.signal?.throwIfAborted();
    const outcome = await post(fetcher, url, query.der, options);
    if ('body' in outcome) {
      const answer = await readTimestampAnswer(outcome.body, query, digest);
      if ('der' in answer) return answer;
      if ('refused' in answer) {
        throw new TimestampError({
          code: 'TSA_REFUSED',
          url,
          message: {
            vi: `Máy chủ dấu thời gian ${url} từ chối yêu cầu: ${answer.refused}.`,
            en: `The timestamp authority ${url} refused the request: ${answer.refused}.`,
          },
        });
      }
      throw badResponse(url, answer.bad);
    }
    if (!outcome.retry) throw badResponse(url, outcome.problem);
    lastProblem = outcome.problem;
    if (attempt < attempts) await delay(RETRY_DELAY_MS * attempt, options.signal);
  }
  throw new TimestampError({
    code: 'TSA_UNREACHABLE',
    url,
    message: {
      vi: `Không kết nối được máy chủ dấu thời gian ${url} sau ${attempts} lần thử (${lastProblem}).`,
      en: `The timestamp authority ${url} could not be reached after ${attempts} attempts (${lastProblem}).`,
    },
  });
}

type Outcome = { body: Uint8Array } | { retry: boolean; problem: string };

async function post(
  fetcher: typeof globalThis.fetch,
  url: string,
  query: Uint8Array,
  options: TimestampOptions,
): Promise<Outcome> {
  const timeout = AbortSignal.timeout(options.timeoutMs ?? 15_000);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
  let response: Response;
  try {
    response = await fetcher(url, {
      method: 'POST',
      body: query.slice(),
      signal,
      headers: {
        ...options.headers,
        'content-type': 'application/timestamp-query',
        accept: 'application/timestamp-reply',
      },
    });
  } catch (error) {
    options.signal?.throwIfAborted();
    return {
      retry: true,
      problem: timeout.aborted ? `no answer within ${options.timeoutMs ?? 15_000} ms` : (error as Error).message,
    };
  }
  if (response.status >= 500) {
    await response.body?.cancel();
    return { retry: true, problem: `HTTP ${response.status}` };
  }
  if (!response.ok) {
    await response.body?.cancel();
    return { retry: false, problem: `HTTP ${response.status}` };
  }
  try {
    return { body: new Uint8Array(await response.arrayBuffer()) };
  } catch (error) {
    options.signal?.throwIfAborted();
    return { retry: true, problem: `the answer broke off: ${(error as Error).message}` };
  }
}

function badResponse(url: string, problem: string): TimestampError {
  return new TimestampError({
    code: 'TSA_BAD_RESPONSE',
    url,
    message: {
      vi: `Máy chủ dấu thời gian ${url} trả lời không hợp lệ: ${problem}.`,
      en: `The timestamp authority ${url} gave an unusable answer: ${problem}.`,
    },
  });
}

function delay(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(signal.reason);
      },
      { once: true },
    );
  });
}

/** SHA-256 of a SignatureValue: the imprint of a signature timestamp (ETSI EN 319 122-1 §5.3). */
export function signatureImprint(signatureValue: Uint8Array): Uint8Array {
  return sha256(signatureValue);
}
