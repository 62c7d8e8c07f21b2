import { Client } from 'pg';
import { uniqueName } from './unique-name';

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
