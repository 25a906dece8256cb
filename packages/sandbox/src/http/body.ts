/** The outcome of reading a request body: the value, or why it could not be read. */
export type BodyRead<T> = { ok: true; value: T } | { ok: false; reason: string };

// No SmartCA request comes near this: 50 hashes of 64 hex chars plus metadata are a few KB.
const MAX_BODY_BYTES = 1024 * 1024;

/**
 * Reads a JSON object body, up to `maxBytes` (default 1 MiB; whole-file signing needs more). Broken
 * JSON, non-objects and oversized bodies are reasons, not crashes.
 */
export async function readJsonObject(request: Request, maxBytes = MAX_BODY_BYTES): Promise<BodyRead<Record<string, unknown>>> {
  const text = await readText(request, maxBytes);
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

/**
 * Reads a JSON object body up to `maxBytes`, keeping the text as received (for idempotency
 * fingerprints). eKYC uploads need more than the 1 MiB SmartCA's own requests do.
 */
export async function readJsonWithText(request: Request, maxBytes: number):
Promise<BodyRead<{ json: Record<string, unknown>; text: string }>> {
  const text = await readText(request, maxBytes);
  if (!text.ok) return text;
  const parsed = parseObject(text.value);
  return parsed.ok ? { ok: true, value: { json: parsed.value, text: text.value } } : parsed;
}

async function readText(request: Request, maxBytes = MAX_BODY_BYTES): Promise<BodyRead<string>> {
  const tooLarge = `the body is larger than ${Math.round(maxBytes / 1024 / 1024)} MiB`;
  const length = Number(request.headers.get('content-length') ?? '0');
  if (length > maxBytes) return { ok: false, reason: tooLarge };
  try {
    const text = await request.text();
    if (text.length > maxBytes) return { ok: false, reason: tooLarge };
    return { ok: true, value: text };
  } catch {
    return { ok: false, reason: 'the body could not be read' };
  }
}

/** A string field, trimmed of nothing: SmartCA compares ids exactly. */
export function str(body: Record<string, unknown>, key: string): string | undefined {
  const value = body[key];
  return typeof value === 'string' ? value : undefined;
}
