import { createPostgresStore, migratePostgresStore } from '@smartca-kit/sdk/store-postgres';
import { postgresForTests } from '../support/store-servers.js';
import { storeContract } from './store-contract.js';

// A real PostgreSQL (CI's, or a cluster spawned for this file), a fresh database, the shipped
// migrations; two stores with their own pools, as two relay instances have.
storeContract('postgres', async () => {
  const server = await postgresForTests();
  const store = createPostgresStore({ connectionString: server.url });
  await migratePostgresStore(store.pool);
  const peer = createPostgresStore({ connectionString: server.url });
  return {
    store,
    peer,
    dispose: async () => {
      await Promise.all([store.close(), peer.close()]);
      await server.stop();
    },
  };
});
