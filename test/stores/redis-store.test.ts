import { randomUUID } from 'node:crypto';
import { createRedisStore } from '@smartca-kit/sdk/store-redis';
import { redisForTests } from '../support/store-servers.js';
import { storeContract } from './store-contract.js';

// A real redis-server (CI's, or one spawned for this file); two stores with their own connections,
// as two relay instances have.
storeContract('redis', async () => {
  const server = await redisForTests();
  const prefix = `smartca-test-${randomUUID()}:`;
  const store = createRedisStore({ url: server.url, prefix });
  const peer = createRedisStore({ url: server.url, prefix });
  return {
    store,
    peer,
    dispose: async () => {
      await Promise.all([store.close(), peer.close()]);
      await server.stop();
    },
  };
});
