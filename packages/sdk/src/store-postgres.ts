/**
 * `@smartca-kit/sdk/store-postgres`: the {@link SmartCAStore} on PostgreSQL, for many relay instances
 * or workers, with pending state and an audit trail in your own database. Needs the optional peer
 * dependency `pg` (`npm install pg`); the SDK root and the browser entries never load it. The schema
 * ships as SQL files in `migrations/postgres/`, applied by {@link migratePostgresStore}.
 *
 * @packageDocumentation
 */
export { createPostgresStore, PostgresStore, type PostgresStoreOptions } from './store/postgres/postgres-store.js';
export { migratePostgresStore, postgresMigrationFiles } from './store/postgres/postgres-migrations.js';
export type { SmartCAStore } from './model/store.js';
