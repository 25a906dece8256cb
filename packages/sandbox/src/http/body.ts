import { readLimited } from './body-limit.js';

/** The outcome of reading a request body: the value, or why it could not be read. */
export type BodyRead<T> = { ok: true; value: T } | { ok: false; reason: string };

/**
 * Reads a JSON object body. The byte limit and the deadline are the route's (see body-limit.ts):
 * broken JSON, non-objects, oversized and late bodies are reasons, not crashes.
 */
export async function readJsonObject(request: Request): Promise<BodyRead<Record<string, unknown>>> {
  const text = await readText(request);
  return text.ok ? parseObject(text.value) : text;
}

function parseObject(text: string): BodyRead<Record<string, unknown>> {
  if (text.trim() === '') return { ok: true, value: {} };
  try {
    const value: unknown = JSON.parse(text);
    if (!value || typeof value !== 'object' || Array.isArray(value)) {
      return { ok: false, reason: 'the body must be a JSON object' };
    }
    return { ok: true, value: value as Record<string, unknown> };
  } catch {
    return { ok: false, reason: 'the body is not valid JSON' };
  }
}

/** Reads an `application/x-www-form-urlencoded` body (OAuth2). */
export async function readForm(request: Request): Promise<BodyRead<URLSearchParams>> {
  const text = await readText(request);
  return text.ok ? { ok: true, value: new URLSearchParams(text.value) } : text;
}

/** Reads a JSON object body, keeping the text as received (for idempotency fingerprints). */
export async function readJsonWithText(
  request: Request,
): Promise<BodyRead<{ json: Record<string, unknown>; text: string }>> {
  const text = await readText(request);
  if (!text.ok) return text;
  const parsed = parseObject(text.value);
  return parsed.ok ? { ok: true, value: { json: parsed.value, text: text.value } } : parsed;
}

async function readText(request: Request): Promise<BodyRead<string>> {
  const read = await readLimited(request);
  return read.ok ? { ok: true, value: new TextDecoder().decode(read.bytes) } : read;
}

/** A string field, trimmed of nothing: SmartCA compares ids exactly. */
export function str(body: Record<string, unknown>, key: string): string | undefined {
  const value = body[key];
  return typeof value === 'string' ? value : undefined;
}
