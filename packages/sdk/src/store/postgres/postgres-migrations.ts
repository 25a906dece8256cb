import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import type { Pool } from 'pg';

// Any constant: migrations of one database take this advisory lock, so two instances that start at once
// apply each file once, one after the other.
const MIGRATION_LOCK = 7_369_001_015;

/**
 * The SQL files of the PostgreSQL store, in the order they apply: `migrations/postgres/*.sql` in the
 * package (also reachable as `@smartca-kit/sdk/migrations/postgres/<file>`). Hand them to your own
 * migration tool if you have one; every statement in them is idempotent.
 */
export function postgresMigrationFiles(): string[] {
  // The package's own root, found by its name: the same from src/ (tests) and from dist/ (installs).
  const root = dirname(createRequire(import.meta.url).resolve('@smartca-kit/sdk/package.json'));
  const dir = join(root, 'migrations', 'postgres');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .sort()
    .map((f) => join(dir, f));
}

/**
 * Creates or upgrades the store's tables in the database `pool` connects to (the current
 * `search_path`), and records what it applied in `smartca_schema_migrations`. Safe to run on every
 * start of every instance: it takes an advisory lock, skips what is applied, and each file is
 * idempotent anyway.
 *
 * @returns the files applied by this call (none when the schema was current).
 * @example
 * ```ts
 * import { createPostgresStore, migratePostgresStore } from '@smartca-kit/sdk/store-postgres';
 * const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL });
 * await migratePostgresStore(pool);
 * const store = createPostgresStore({ pool });
 * ```
 */
export async function migratePostgresStore(pool: Pool): Promise<string[]> {
  const client = await pool.connect();
  const applied: string[] = [];
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await client.query(`CREATE TABLE IF NOT EXISTS smartca_schema_migrations (
      version text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT clock_timestamp())`);
    const done = new Set(
      (await client.query<{ version: string }>('SELECT version FROM smartca_schema_migrations')).rows.map(
        (r) => r.version,
      ),
    );
    for (const file of postgresMigrationFiles()) {
      const version = basename(file, '.sql');
      if (done.has(version)) continue;
      // No parameters: the simple protocol, which runs a file of several statements.
      await client.query(readFileSync(file, 'utf8'));
      await client.query('INSERT INTO smartca_schema_migrations (version) VALUES ($1) ON CONFLICT DO NOTHING', [
        version,
      ]);
      applied.push(version);
    }
    await client.query('COMMIT');
    return applied;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
