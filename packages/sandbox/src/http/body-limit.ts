/**
 * Request bodies are read while they stream in, against a byte limit and a deadline, so that a 100 MB
 * chunked POST or a body that trickles in a byte a second costs at most the route's limit in memory and
 * a bounded wait. The handler registers each request's budget ({@link limitBody}); the readers of
 * body.ts read through it ({@link readLimited}); the handler then answers a fault in the surface's
 * own shape ({@link bodyFault}) and discards what a route did not read ({@link discardBody}).
 */

/** The limit of every route that does not set its own: no SmartCA request comes near it. */
export const DEFAULT_BODY_LIMIT_BYTES = 1024 * 1024;
/** How long a body may take to arrive, from the start of the request, by default. */
export const DEFAULT_BODY_TIMEOUT_MS = 30_000;

/** Why a body was refused while it streamed in. */
export interface BodyFault {
  /** 413 for too large, 408 for too slow. */
  status: 408 | 413;
  /** The typed code every surface carries. */
  code: 'REQUEST_BODY_TOO_LARGE' | 'REQUEST_BODY_TIMEOUT';
  /** What to fix, in both languages. */
  messages: { vi: string; en: string };
}

interface Budget {
  maxBytes: number;
  deadline: number;
  timeoutMs: number;
  fault?: BodyFault | undefined;
  reading?: boolean | undefined;
}

const budgets = new WeakMap<Request, Budget>();

/**
 * Sets the budget of `request`'s body. Returns the fault at once when the declared `Content-Length`
 * is already over the limit (nothing is read then).
 */
export function limitBody(request: Request, maxBytes: number, timeoutMs: number): BodyFault | undefined {
  const budget: Budget = { maxBytes, timeoutMs, deadline: Date.now() + timeoutMs };
  budgets.set(request, budget);
  const declared = Number(request.headers.get('content-length') ?? '0');
  if (Number.isFinite(declared) && declared > maxBytes) budget.fault = tooLarge(maxBytes);
  return budget.fault;
}

/** The fault met while reading `request`'s body, if any. */
export function bodyFault(request: Request): BodyFault | undefined {
  return budgets.get(request)?.fault;
}

/** The body's bytes, or why they could not be read (the fault is also kept for {@link bodyFault}). */
export async function readLimited(
  request: Request,
): Promise<{ ok: true; bytes: Uint8Array } | { ok: false; reason: string }> {
  let budget = budgets.get(request);
  if (!budget) {
    limitBody(request, DEFAULT_BODY_LIMIT_BYTES, DEFAULT_BODY_TIMEOUT_MS);
    budget = budgets.get(request) as Budget;
  }
  if (budget.fault) return { ok: false, reason: budget.fault.messages.en };
  if (request.bodyUsed) return { ok: false, reason: 'the body was already read' };
  if ((request.body as ReadableStream | null | undefined) === undefined) return readWhole(request, budget);
  if (!request.body) return { ok: true, bytes: new Uint8Array(0) };
  budget.reading = true;
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<'late'>((resolve) => {
    timer = setTimeout(() => resolve('late'), Math.max(0, budget.deadline - Date.now()));
  });
  try {
    for (;;) {
      const next = await Promise.race([reader.read(), late]);
      if (next === 'late') return fail(budget, reader, tooSlow(budget.timeoutMs));
      if (next.done) break;
      size += next.value.byteLength;
      if (size > budget.maxBytes) return fail(budget, reader, tooLarge(budget.maxBytes));
      chunks.push(next.value);
    }
  } catch {
    return { ok: false, reason: 'the body could not be read (the connection broke off)' };
  } finally {
    clearTimeout(timer);
  }
  return { ok: true, bytes: concat(chunks, size) };
}

/**
 * Reads and drops whatever of the body no route read. Reading to the end frees it with any host: a
 * Node adapter without backpressure queues a body whether or not anyone reads it (and one that does
 * not expect a cancel may throw on its next chunk), and a small body read whole keeps the connection
 * reusable.
 */
export function discardBody(request: Request): void {
  if (budgets.get(request)?.reading || !request.body || request.bodyUsed) return;
  drain(request.body.getReader());
}

/** Where a Fetch has no `Request.body` stream (older Firefox): read whole, then held to the limit. */
async function readWhole(
  request: Request,
  budget: Budget,
): Promise<{ ok: true; bytes: Uint8Array } | { ok: false; reason: string }> {
  budget.reading = true;
  try {
    const bytes = new Uint8Array(await request.arrayBuffer());
    if (bytes.byteLength <= budget.maxBytes) return { ok: true, bytes };
  } catch {
    return { ok: false, reason: 'the body could not be read' };
  }
  budget.fault = tooLarge(budget.maxBytes);
  return { ok: false, reason: budget.fault.messages.en };
}

function fail(
  budget: Budget,
  reader: ReadableStreamDefaultReader<Uint8Array>,
  fault: BodyFault,
): { ok: false; reason: string } {
  budget.fault = fault;
  drain(reader);
  return { ok: false, reason: fault.messages.en };
}

/** Reads to the end (or the connection's end) and keeps nothing: what is left of a refused body. */
function drain(reader: ReadableStreamDefaultReader<Uint8Array>): void {
  void (async () => {
    try {
      while (!(await reader.read()).done) {
        /* dropped */
      }
    } catch {
      /* the client went away */
    }
  })();
}

function concat(chunks: Uint8Array[], size: number): Uint8Array {
  if (chunks.length === 1) return chunks[0] as Uint8Array;
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

function tooLarge(maxBytes: number): BodyFault {
  const size = maxBytes >= 1024 * 1024 ? `${Math.round(maxBytes / 1024 / 1024)} MiB` : `${maxBytes} bytes`;
  return {
    status: 413,
    code: 'REQUEST_BODY_TOO_LARGE',
    messages: {
      vi: `Nội dung yêu cầu vượt quá ${size}, giới hạn của đường dẫn này; hãy gửi ít hơn.`,
      en: `the body is larger than ${size}, this route's limit; send less`,
    },
  };
}

function tooSlow(timeoutMs: number): BodyFault {
  const seconds = Math.round(timeoutMs / 100) / 10;
  return {
    status: 408,
    code: 'REQUEST_BODY_TIMEOUT',
    messages: {
      vi: `Nội dung yêu cầu không đến đủ trong ${seconds} giây; hãy gửi lại.`,
      en: `the body did not arrive whole within ${seconds} s; send it again`,
    },
  };
}
