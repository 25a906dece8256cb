/**
 * `@smartca-kit/sdk/store-redis`: the {@link SmartCAStore} on Redis or Valkey, for many relay instances
 * or workers. Needs the optional peer dependency `ioredis` (`npm install ioredis`); the SDK root and
 * the browser entries never load it.
 *
 * @packageDocumentation
 */
export { createRedisStore, RedisStore, type RedisStoreOptions } from './store/redis/redis-store.js';
export type { SmartCAStore } from './model/store.js';
