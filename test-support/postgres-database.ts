import { Client } from 'pg';
import { uniqueName } from './unique-name';

/**
 * A suite's own PostgreSQL database beside the one `baseUrl` names, created when missing and
 * emptied of the tables the suite uses, so suites running at the same time on one server never
 * see each other's rows. Returns its URL.
 *
 * @example
 * const url = await ownPostgresDatabase(process.env.TENON_TEST_POSTGRES_URL!, 'tenon_scheduling_locks', ['tenon_leases']);
 */
export async function ownPostgresDatabase(
  baseUrl: string,
  name: string,
  tables: readonly string[],
): Promise<string> {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`"${name}" is not a plain database name`);
  const url = new URL(baseUrl);
  await withClient(url.toString(), async (admin) => {
    const found = await admin.query('select 1 from pg_database where datname = $1', [name]);
    if (found.rowCount === 0) await admin.query(`create database ${name}`);
  });
  url.pathname = `/${name}`;
  if (tables.length > 0)
    await withClient(url.toString(), (client) =>
      client.query(`drop table if exists ${tables.join(', ')} cascade`),
    );
  return url.toString();
}

/**
 * A new PostgreSQL database of this run alone (`<base>_<pid>_<random>`) beside the one `baseUrl`
 * names: two runs of a suite at once never share it. Returns its URL; the suite drops it with
 * `dropPostgresDatabase` when done.
 *
 * @example
 * const url = await runPostgresDatabase(process.env.TENON_TEST_POSTGRES_URL!, 'tenon_messaging_faults');
 */
export async function runPostgresDatabase(baseUrl: string, base: string): Promise<string> {
  const name = uniqueName(base);
  const url = new URL(baseUrl);
  await withClient(url.toString(), (admin) => admin.query(`create database ${name}`));
  url.pathname = `/${name}`;
  return url.toString();
}

/**
 * Drops the database `url` names (made by `runPostgresDatabase`), closing the connections still
 * on it (`WITH (FORCE)`: a worker killed with SIGKILL may leave one for a while).
 */
export async function dropPostgresDatabase(url: string): Promise<void> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`"${name}" is not a plain database name`);
  // Connected to the server's maintenance database: one cannot drop the database one is on.
  target.pathname = '/postgres';
  await withClient(target.toString(), (admin) => admin.query(`drop database if exists ${name} with (force)`));
}

async function withClient<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
