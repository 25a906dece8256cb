import { bytesToHex } from '@smartca-kit/sdk/core';
import type { Commerce } from './commerce.js';
import { Refusal, refuse } from './refusal.js';

const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;
const KEEP_MS = 24 * 3600 * 1000;

/**
 * Runs a mutating commerce call at most once per `Idempotency-Key` (Stripe's model). The first request
 * with a key runs and its answer is kept for 24 h; a repeat with the same path and byte-identical body
 * gets that answer again (header `idempotent-replayed: true`) without running; a repeat with another
 * body is refused (30002); a repeat while the first is still running gets 409 (30003), which clients
 * retry. A 5xx is not kept, so the retry runs afresh.
 */
export async function oncePerKey(
  c: Commerce,
  spId: string,
  request: Request,
  path: string,
  text: string,
  run: () => Promise<Response>,
): Promise<Response> {
  const key = request.headers.get('idempotency-key');
  if (!key) {
    return refuse(
      'IDEMPOTENCY_KEY_REQUIRED',
      'Thiếu tiêu đề Idempotency-Key cho yêu cầu thay đổi dữ liệu.',
      'A mutating call needs an Idempotency-Key header.',
      { field: 'Idempotency-Key' },
    ).toResponse();
  }
  if (!KEY_PATTERN.test(key)) {
    return refuse(
      'CLIENT_INPUT_INVALID',
      'Idempotency-Key dài 1–255 ký tự ASCII.',
      'Idempotency-Key must be 1 to 255 ASCII characters.',
      { field: 'Idempotency-Key' },
    ).toResponse();
  }
  const now = c.now();
  const records = c.state.idempotency;
  for (let i = records.length - 1; i >= 0; i--) if ((records[i]?.createdAt ?? 0) + KEEP_MS <= now) records.splice(i, 1);
  const fingerprint = await sha256(`${path}\n${text}`);
  const earlier = records.find((r) => r.spId === spId && r.key === key);
  if (earlier) {
    if (earlier.fingerprint !== fingerprint) {
      return refuse(
        'IDEMPOTENCY_KEY_REUSED',
        'Idempotency-Key này đã được dùng cho một yêu cầu khác.',
        'This Idempotency-Key was already used for a different request.',
        { field: 'Idempotency-Key' },
      ).toResponse();
    }
    if (!earlier.response) {
      return new Refusal(
        'IDEMPOTENCY_REQUEST_IN_PROGRESS',
        {
          vi: 'Yêu cầu cùng Idempotency-Key đang được xử lý.',
          en: 'A request with this Idempotency-Key is still being processed; retry shortly.',
        },
        {},
        409,
      ).toResponse();
    }
    return new Response(earlier.response.body, {
      status: earlier.response.status,
      headers: {
        'content-type': 'application/json; charset=utf-8',
        'idempotent-replayed': 'true',
      },
    });
  }
  const record = { spId, key, fingerprint, createdAt: now } as (typeof records)[number];
  records.push(record);
  let response: Response;
  try {
    response = await run();
  } catch (error) {
    records.splice(records.indexOf(record), 1);
    throw error;
  }
  if (response.status >= 500) {
    records.splice(records.indexOf(record), 1);
    return response;
  }
  const body = await response.text();
  record.response = { status: response.status, body };
  return new Response(body, { status: response.status, headers: response.headers });
}

async function sha256(text: string): Promise<string> {
  return bytesToHex(new Uint8Array(await globalThis.crypto.subtle.digest('SHA-256', new TextEncoder().encode(text))));
}
