// Real Redis and PostgreSQL servers for the store tests, never mocks. CI starts one of each (.ci/run)
// and exports SMARTCA_TEST_REDIS_URL and SMARTCA_TEST_POSTGRES_URL; without them a test spawns its own
// on a free loopback port in a temporary directory, and stops it afterwards. Fault tests always spawn
// their own, since they stop and restart it.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import pg from 'pg';

/** A Redis server the tests own. */
export interface RedisServer {
  url: string;
  /** Stops it (SIGKILL: a crash, not a shutdown) and starts it again on the same port and directory. */
  restart(downMs?: number): Promise<void>;
  stop(): Promise<void>;
}

/** A PostgreSQL server (or, from the environment, a database on one). */
export interface PostgresServer {
  url: string;
  stop(): Promise<void>;
}

/**
 * The servers' environment: the Node tests run a second time under faketime (LD_PRELOAD), and a
 * database whose clock jumps 400 days would expire every record it holds. The servers keep real time.
 */
export function serverEnvironment(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const name of Object.keys(env)) if (name === 'LD_PRELOAD' || name.startsWith('FAKETIME')) delete env[name];
  return env;
}

/** A free TCP port on loopback. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

function which(command: string, packageName: string, variable: string): string {
  for (const dir of (process.env.PATH ?? '').split(':'))
    if (dir && existsSync(join(dir, command))) return join(dir, command);
  throw new Error(
    `${command} is not installed: apt-get install ${packageName}, or set ${variable} to a running server`,
  );
}

/** Spawns redis-server on a free port; `appendOnly` makes it keep its data across a restart, as production does. */
export async function startRedisServer(options: { appendOnly?: boolean } = {}): Promise<RedisServer> {
  const binary = which('redis-server', 'redis-server', 'SMARTCA_TEST_REDIS_URL');
  const dir = mkdtempSync(join(tmpdir(), 'smartca-redis-'));
  const port = await freePort();
  const url = `redis://127.0.0.1:${port}`;
  let child: ChildProcess | undefined;
  const start = async () => {
    child = spawn(
      binary,
      [
        '--port',
        String(port),
        '--bind',
        '127.0.0.1',
        '--dir',
        dir,
        '--save',
        '',
        '--appendonly',
        options.appendOnly ? 'yes' : 'no',
        '--appendfsync',
        'always',
        '--protected-mode',
        'no',
      ],
      { env: serverEnvironment(), stdio: 'ignore' },
    );
    await until(async () => {
      const probe = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
      probe.on('error', () => undefined);
      try {
        await probe.connect();
        return (await probe.ping()) === 'PONG';
      } finally {
        probe.disconnect();
      }
    }, 'redis-server to start');
  };
  const kill = async () => {
    const running = child;
    if (!running || running.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      running.once('exit', () => resolve());
      running.kill('SIGKILL');
    });
  };
  await start();
  return {
    url,
    restart: async (downMs = 300) => {
      await kill();
      await new Promise((r) => setTimeout(r, downMs));
      await start();
    },
    stop: async () => {
      await kill();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function postgresBin(command: string): string {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).sort((a, b) => Number(b) - Number(a)) : [];
  for (const version of versions)
    if (existsSync(join(root, version, 'bin', command))) return join(root, version, 'bin', command);
  return which(command, 'postgresql', 'SMARTCA_TEST_POSTGRES_URL');
}

/**
 * Spawns a PostgreSQL cluster (initdb, pg_ctl) on a free port, trusting loopback. PostgreSQL refuses
 * to run as root, so as root the cluster belongs to the `postgres` user (Debian's package creates it).
 */
export async function startPostgresServer(): Promise<PostgresServer> {
  const dir = mkdtempSync(join(tmpdir(), 'smartca-pg-'));
  const data = join(dir, 'data');
  const port = await freePort();
  const asRoot = process.getuid?.() === 0;
  const run = (command: string, args: string[]) => {
    const [file, argv] = asRoot
      ? ['runuser', ['-u', 'postgres', '--', postgresBin(command), ...args]]
      : [postgresBin(command), args];
    execFileSync(file, argv, { env: serverEnvironment(), stdio: 'pipe' });
  };
  if (asRoot) {
    execFileSync('id', ['postgres'], { stdio: 'ignore' });
    chownSync(
      dir,
      Number(execFileSync('id', ['-u', 'postgres']).toString().trim()),
      Number(execFileSync('id', ['-g', 'postgres']).toString().trim()),
    );
  }
  run('initdb', ['-D', data, '-U', 'smartca', '--auth=trust', '-E', 'UTF8', '--no-sync', '--no-instructions']);
  run('pg_ctl', [
    '-D',
    data,
    '-l',
    join(dir, 'log'),
    '-w',
    '-o',
    `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200`,
    'start',
  ]);
  return {
    url: `postgres://smartca@127.0.0.1:${port}/postgres`,
    stop: async () => {
      try {
        run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

/** Redis for a test file: CI's server, or a spawned one. Keys of different files never meet: use a prefix. */
export async function redisForTests(): Promise<RedisServer | { url: string; stop(): Promise<void> }> {
  const url = process.env.SMARTCA_TEST_REDIS_URL;
  return url ? { url, stop: async () => undefined } : startRedisServer();
}

/** A new, empty database for a test file: on CI's server, or on a spawned one. Dropped by `stop`. */
export async function postgresForTests(): Promise<PostgresServer> {
  const shared = process.env.SMARTCA_TEST_POSTGRES_URL;
  const server = shared ? { url: shared, stop: async () => undefined } : await startPostgresServer();
  const name = `smartca_test_${Math.random().toString(36).slice(2, 10)}`;
  await admin(server.url, `CREATE DATABASE ${name}`);
  const url = new URL(server.url);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    stop: async () => {
      await admin(server.url, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => undefined);
      await server.stop();
    },
  };
}

/** Runs one statement on the server's maintenance database. */
export async function admin(url: string, sql: string): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await client.query(sql);
  } finally {
    await client.end();
  }
}

async function until(check: () => Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    if (await check().catch(() => false)) return;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
