/**
 * What the sign and buy state machines share: a snapshot, a listener told of every change, and one
 * piece of async work at a time (starting new work aborts the old).
 */
export abstract class Flow<S> {
  #snapshot: S;
  #work: AbortController | undefined;
  readonly #onChange: (next: S, previous: S) => void;

  protected constructor(initial: S, onChange: (next: S, previous: S) => void) {
    this.#snapshot = initial;
    this.#onChange = onChange;
  }

  /** The current state. */
  get snapshot(): S {
    return this.#snapshot;
  }

  /** Aborts whatever the flow was doing (a long poll, a request); state kept in sessionStorage stays. */
  stop(): void {
    this.#work?.abort();
    this.#work = undefined;
  }

  /** Stops the previous work and returns the signal of the new one. */
  protected begin(): AbortSignal {
    this.stop();
    this.#work = new AbortController();
    return this.#work.signal;
  }

  /** Moves to `next` and tells the listener. */
  protected set(next: S): void {
    const previous = this.#snapshot;
    this.#snapshot = next;
    this.#onChange(next, previous);
  }

  /** Moves to `next` without telling the listener (the element is going away). */
  protected replaceSilently(next: S): void {
    this.#snapshot = next;
  }
}
