import type { PreparedDocument } from '@smartca-kit/documents';

/** One file of a hashing session: its id and the PDF prepared for its signature. */
export interface HelperFile {
  fileId: string;
  prepared: PreparedDocument;
  bytes: number;
}

/** What `calculateHash` leaves for `signExternal`: the partner, and each file prepared. */
export interface HelperSession {
  tranId: string;
  spId: string;
  createdAt: number;
  files: HelperFile[];
}

/** How long a hashing session waits for its signatures: an hour, well past SmartCA's 5-minute approval. */
export const SESSION_TTL_MS = 3600 * 1000;
/** At most this many PDF bytes are held across sessions; the oldest sessions go first. */
const MAX_HELD_BYTES = 256 * 1024 * 1024;

/**
 * The PDF helper's hashing sessions, in memory: a prepared PDF is a closure over the original bytes,
 * cheap to keep and not worth a state file. A restart forgets them (call calculateHash again; neither
 * call charges a turn). Bounded by age and by the bytes held, so a long-running sandbox stays small.
 */
export class HelperSessions {
  readonly #sessions = new Map<string, HelperSession>();

  /** Keeps `session`, forgetting expired and excess ones. */
  add(session: HelperSession, now: number): void {
    this.#sessions.set(session.tranId, session);
    let held = 0;
    for (const s of this.#sessions.values()) held += s.files.reduce((sum, f) => sum + f.bytes, 0);
    for (const [id, s] of this.#sessions) {
      if (now - s.createdAt <= SESSION_TTL_MS && held <= MAX_HELD_BYTES) break;
      if (id === session.tranId) break;
      this.#sessions.delete(id);
      held -= s.files.reduce((sum, f) => sum + f.bytes, 0);
    }
  }

  /** The session with this `tranId`, while it lives. */
  get(tranId: string, now: number): HelperSession | undefined {
    const session = this.#sessions.get(tranId);
    if (session && now - session.createdAt > SESSION_TTL_MS) {
      this.#sessions.delete(tranId);
      return undefined;
    }
    return session;
  }
}
