import { Client } from 'pg';

/**
 * Administration of the suite's own PostgreSQL databases: each part creates the database it
 * uses (never touching other suites' data), counts rows, and terminates backends.
 */
export class PostgresAdmin {
  constructor(private readonly serverUrl: string) {}

  /** The URL of database `name` on the same server. */
  urlFor(name: string): string {
    const url = new URL(this.serverUrl);
    url.pathname = `/${name}`;
    return url.toString();
  }

  async withClient<T>(database: string | undefined, fn: (client: Client) => Promise<T>): Promise<T> {
    const client = new Client({ connectionString: database ? this.urlFor(database) : this.serverUrl });
    // A terminated backend emits 'error' on an idle client; the admin connection must not crash the run.
    client.on('error', () => undefined);
    await client.connect();
    try {
      return await fn(client);
    } finally {
      await client.end().catch(() => undefined);
    }
  }

  /** Drops (terminating its connections first) and creates `name`. */
  async recreate(name: string): Promise<void> {
    await this.withClient(undefined, async (c) => {
      await c.query(
        'select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()',
        [name],
      );
      await c.query(`drop database if exists "${name}"`);
      await c.query(`create database "${name}"`);
    });
  }

  /** Terminates every backend connected to `database` except the admin's own; returns how many. */
  async terminateBackends(database: string): Promise<number> {
    return this.withClient(undefined, async (c) => {
      const result = await c.query<{ ok: boolean }>(
        'select pg_terminate_backend(pid) as ok from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()',
        [database],
      );
      return result.rows.filter((r) => r.ok).length;
    });
  }

  /** How many backends are connected to `database` (other than the admin's). */
  async backendCount(database: string): Promise<number> {
    return this.withClient(undefined, async (c) => {
      const result = await c.query<{ n: string }>(
        'select count(*) as n from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()',
        [database],
      );
      return Number(result.rows[0]!.n);
    });
  }

  async query<R extends object>(database: string, text: string, values: unknown[] = []): Promise<R[]> {
    return this.withClient(database, async (c) => (await c.query<R>(text, values)).rows);
  }
}

/** The server URL the parts that need PostgreSQL use, or undefined (they are then skipped). */
export function postgresUrl(): string | undefined {
  const url = process.env.TENON_TEST_POSTGRES_URL;
  return url !== undefined && url !== '' ? url : undefined;
}

/** Whether the server answers (a set URL whose server is down is a failure, not a skip). */
export async function reachable(url: string): Promise<string | undefined> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 3_000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('select 1');
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  } finally {
    await client.end().catch(() => undefined);
  }
}
