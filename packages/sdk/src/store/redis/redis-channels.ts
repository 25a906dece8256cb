import type { Redis } from 'ioredis';
import type { StoreListener, StoreSubscription } from '../../model/store.js';
import { ListenerSets } from '../listener-sets.js';

/**
 * The wake-up channels on one subscriber connection (a connection in subscribe mode can do nothing
 * else). A channel is subscribed while at least one listener of this process is on it, so an instance
 * hears only about the transactions it waits on. ioredis subscribes again by itself after a reconnect.
 */
export class RedisChannels {
  readonly #subscriber: Redis;
  readonly #listeners = new ListenerSets();

  constructor(subscriber: Redis) {
    this.#subscriber = subscriber;
    subscriber.on('message', (channel: string, message: string) => this.#listeners.deliver(channel, message));
  }

  /** Adds `listener` to `channel`; resolves once Redis confirmed the subscription. */
  async subscribe(channel: string, listener: StoreListener): Promise<StoreSubscription> {
    const remove = this.#listeners.add(channel, listener);
    // Every listener awaits a SUBSCRIBE of its own: commands on one connection run in order, so this
    // one answers only after any UNSUBSCRIBE sent before it, and the channel ends up subscribed.
    try {
      await this.#subscriber.subscribe(channel);
    } catch (error) {
      remove();
      throw error;
    }
    return {
      unsubscribe: async () => {
        if (remove()) await this.#subscriber.unsubscribe(channel);
      },
    };
  }
}
