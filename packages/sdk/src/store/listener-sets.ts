import type { StoreListener } from '../model/store.js';

/**
 * The listeners of this process per channel, as every store back end keeps them: a channel's set
 * exists while it has a listener, so a back end can tell when to stop listening (Redis UNSUBSCRIBE).
 */
export class ListenerSets {
  readonly #byChannel = new Map<string, Set<StoreListener>>();

  /** Adds `listener` to `channel`; the returned remover answers true when it took the channel's last one. */
  add(channel: string, listener: StoreListener): () => boolean {
    let set = this.#byChannel.get(channel);
    if (!set) {
      set = new Set();
      this.#byChannel.set(channel, set);
    }
    set.add(listener);
    const own = set;
    return () => {
      if (!own.delete(listener) || own.size > 0 || this.#byChannel.get(channel) !== own) return false;
      this.#byChannel.delete(channel);
      return true;
    };
  }

  /** How many channels have a listener. */
  get size(): number {
    return this.#byChannel.size;
  }

  /** Whether anyone listens on `channel`. */
  has(channel: string): boolean {
    return this.#byChannel.has(channel);
  }

  /** Calls every listener of `channel` with `message`, through `schedule` when given (e.g. queueMicrotask). */
  deliver(channel: string, message: string, schedule?: (run: () => void) => void): void {
    for (const listener of [...(this.#byChannel.get(channel) ?? [])]) {
      if (schedule) schedule(() => listener(message));
      else listener(message);
    }
  }
}
