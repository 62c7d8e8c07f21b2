import type { Database as DatabaseType } from '@tenon/data';
import { sharedPglite, type PGliteInstance } from './shared-pglite';
import { workerId, workerSingleton } from './worker-registry';

type DataModule = typeof import('@tenon/data');

/** Where a TestDatabase lives: the worker's PGlite, or the worker's database on a server. */
export interface TestTarget {
  readonly dialect: 'pglite' | 'postgres';
  /** The URL a `Database` connects to (for messages, and for PostgreSQL the connection). */
  readonly url: string;
  /** PGlite only: the worker's shared instance. */
  readonly pglite?: PGliteInstance;
}

/** The server URL with its database replaced. */
function withDatabase(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

/**
 * The worker's PostgreSQL database (`tenon_test_w<N>`): dropped and created on the worker's first
 * use, so each run starts from nothing and parallel workers never share rows.
 */
async function workerPostgres(data: DataModule, serverUrl: string): Promise<string> {
  const name = `tenon_test_w${workerId()}`;
  return workerSingleton(`postgres:${serverUrl}:${name}`, async () => {
    const admin: DatabaseType = await data.Database.connect({ url: serverUrl });
    try {
      await data.sql`drop database if exists ${data.sql.id(name)} with (force)`.execute(admin.kysely);
      await data.sql`create database ${data.sql.id(name)}`.execute(admin.kysely);
    } finally {
      await admin.close();
    }
    return withDatabase(serverUrl, name);
  });
}

/** PostgreSQL when `serverUrl` is given (from `TENON_TEST_POSTGRES_URL`), else the worker's PGlite. */
export async function resolveTarget(data: DataModule, serverUrl: string | undefined): Promise<TestTarget> {
  if (serverUrl) return { dialect: 'postgres', url: await workerPostgres(data, serverUrl) };
  return { dialect: 'pglite', url: 'pglite://memory', pglite: await sharedPglite() };
}
