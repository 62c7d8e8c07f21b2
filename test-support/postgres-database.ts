import { Client } from 'pg';

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

async function withClient<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
