/**
 * Makes the sandbox's state durable before it answers, without one disk write per change.
 *
 * Every change bumps a counter. {@link GroupCommit.durable} resolves once a write whose snapshot was
 * taken after the latest change has finished. One write runs at a time; callers that arrive while it
 * runs share the next one (group commit), so a burst of N changes costs two writes, not N, and the
 * throughput of a file-backed sandbox stays close to that of a memory one.
 *
 * A snapshot is taken only while no mutating request is half-way ({@link GroupCommit.enter}): a
 * request that records an idempotency key, awaits, then stores its answer must never reach the disk
 * in between, or a crash there would leave the key "in progress" for a day.
 */
export class GroupCommit {
  readonly #write: (snapshot: string) => Promise<void>;
  readonly #snapshot: () => string;
  /** Changes made so far. It starts at 1: the state it is given is not known to be stored yet. */
  #changes = 1;
  /** Changes the last finished write holds. */
  #durable = 0;
  /** The write under way; `covers` is undefined until its snapshot is taken (it then holds every change). */
  #running: { promise: Promise<void>; covers: number | undefined } | undefined;
  /** The write queued behind it, shared by every caller that arrived meanwhile. */
  #queued: Promise<void> | undefined;
  /** Mutating requests half-way, and the snapshot waiting for them (new ones wait behind it). */
  #active = 0;
  #quiet: { promise: Promise<void>; resolve: () => void } | undefined;

  /**
   * @param snapshot serialises the state; called synchronously when a write starts, so the snapshot
   *   holds every change made before that moment
   * @param write stores a snapshot (atomically); never called again before its promise settles
   */
  constructor(snapshot: () => string, write: (snapshot: string) => Promise<void>) {
    this.#snapshot = snapshot;
    this.#write = write;
  }

  /** Records a change and starts writing it (or queues it behind the write under way). */
  changed(): void {
    this.#changes += 1;
    // Nobody may be waiting (a timer made the change): still write it now. A failure reaches the
    // next caller of durable(), which retries.
    this.durable().catch(() => undefined);
  }

  /**
   * Marks a mutating request as half-way until the returned function is called. Never await
   * {@link GroupCommit.durable} in between: the write waits for the request.
   */
  async enter(): Promise<() => void> {
    while (this.#quiet) await this.#quiet.promise;
    this.#active += 1;
    let left = false;
    return () => {
      if (left) return;
      left = true;
      this.#active -= 1;
      if (this.#active === 0) this.#quiet?.resolve();
    };
  }

  /** Resolves when every change made so far is on disk; rejects when the write fails. */
  durable(): Promise<void> {
    const target = this.#changes;
    if (this.#durable >= target) return Promise.resolve();
    const running = this.#running;
    if (running && (running.covers === undefined || running.covers >= target)) return running.promise;
    // A queued write snapshots when it starts, so it holds this change too.
    if (this.#queued) return this.#queued;
    if (!running) return this.#start();
    this.#queued = running.promise
      .catch(() => undefined)
      .then(() => {
        this.#queued = undefined;
        return this.#start();
      });
    return this.#queued;
  }

  #start(): Promise<void> {
    const running: { promise: Promise<void>; covers: number | undefined } = {
      promise: Promise.resolve(),
      covers: undefined,
    };
    running.promise = (async () => {
      if (this.#active > 0) {
        let resolve!: () => void;
        const promise = new Promise<void>((r) => {
          resolve = r;
        });
        this.#quiet = { promise, resolve };
        await promise;
      }
      let text: string;
      try {
        running.covers = this.#changes;
        text = this.#snapshot();
      } finally {
        // Requests held back while the snapshot waited may go on.
        const quiet = this.#quiet;
        this.#quiet = undefined;
        quiet?.resolve();
      }
      await this.#write(text);
      this.#durable = Math.max(this.#durable, running.covers);
    })();
    this.#running = running;
    const clear = () => {
      if (this.#running === running) this.#running = undefined;
    };
    running.promise.then(clear, clear);
    return running.promise;
  }
}
