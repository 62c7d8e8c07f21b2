import { Client } from 'pg';
import { CREATE_WORLD_SQL, SEED_WORLD_SQL, WORLD_ROWS } from '../apps/shared/world';

/** Creates and fills the `world` table on PostgreSQL once, before the servers start. */
export async function seedPostgres(url: string): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(CREATE_WORLD_SQL);
    await client.query(SEED_WORLD_SQL);
    const { rows } = await client.query<{ n: string }>(
      'SELECT count(*) AS n FROM world WHERE id BETWEEN 1 AND $1',
      [WORLD_ROWS],
    );
    if (Number(rows[0]!.n) !== WORLD_ROWS)
      throw new Error(`the world table has ${rows[0]!.n} rows, not ${WORLD_ROWS}`);
  } finally {
    await client.end();
  }
}
