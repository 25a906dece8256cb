import { randomUUID } from 'node:crypto';
import { redisForTests } from '../support/store-servers.js';
import { multiInstanceSuite } from './multi-instance.js';

multiInstanceSuite('Redis', async () => {
  const server = await redisForTests();
  return {
    store: { kind: 'redis', url: server.url, prefix: `smartca-multi-${randomUUID()}:` },
    dispose: () => server.stop(),
  };
});
