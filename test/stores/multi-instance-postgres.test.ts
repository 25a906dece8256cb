import { createPostgresStore, migratePostgresStore } from '@smartca-kit/sdk/store-postgres';
import { postgresForTests } from '../support/store-servers.js';
import { multiInstanceSuite } from './multi-instance.js';

multiInstanceSuite('PostgreSQL', async () => {
  const server = await postgresForTests();
  // The instances find the schema in place, as after a deploy step.
  const store = createPostgresStore({ connectionString: server.url });
  await migratePostgresStore(store.pool);
  await store.close();
  return { store: { kind: 'postgres', url: server.url }, dispose: () => server.stop() };
});
