import type { Redis } from 'ioredis';
import type { StoreListener, StoreSubscription } from '../../model/store.js';

/**
 * The wake-up channels on one subscriber connection (a connection in subscribe mode can do nothing
 * else). A channel is subscribed while at least one listener of this process is on it, so an instance
 * hears only about the transactions it waits on. ioredis subscribes again by itself after a reconnect.
 */
export class RedisChannels {
  readonly #subscriber: Redis;
  readonly #listeners = new Map<string, Set<StoreListener>>();

  constructor(subscriber: Redis) {
    this.#subscriber = subscriber;
    subscriber.on('message', (channel: string, message: string) => {
      for (const listener of [...(this.#listeners.get(channel) ?? [])]) listener(message);
    });
  }

  /** Adds `listener` to `channel`; resolves once Redis confirmed the subscription. */
  async subscribe(channel: string, listener: StoreListener): Promise<StoreSubscription> {
    let set = this.#listeners.get(channel);
    if (!set) {
      set = new Set();
      this.#listeners.set(channel, set);
    }
    set.add(listener);
    // Every listener awaits a SUBSCRIBE of its own: commands on one connection run in order, so this
    // one answers only after any UNSUBSCRIBE sent before it, and the channel ends up subscribed.
    try {
      await this.#subscriber.subscribe(channel);
    } catch (error) {
      this.#remove(channel, set, listener);
      throw error;
    }
    return { unsubscribe: async () => {
      if (this.#remove(channel, set, listener)) await this.#subscriber.unsubscribe(channel);
    } };
  }

  /** Removes `listener`; true when it was the channel's last, which should then be unsubscribed. */
  #remove(channel: string, set: Set<StoreListener>, listener: StoreListener): boolean {
    if (!set.delete(listener) || set.size > 0) return false;
    if (this.#listeners.get(channel) !== set) return false;
    this.#listeners.delete(channel);
    return true;
  }
}
