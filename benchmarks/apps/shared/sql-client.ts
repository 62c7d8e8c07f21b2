import { PGlite } from '@electric-sql/pglite';
import { Pool } from 'pg';
import {
  CREATE_WORLD_SQL,
  PG_POOL_SIZE,
  SEED_WORLD_SQL,
  SELECT_WORLD_SQL,
  UPDATE_WORLD_SQL,
  parseQueryCount,
  postgresUrl,
  randomWorldId,
  type World,
} from './world';

/** What `pg.Pool` and `PGlite` have in common: the raw Fastify and Nest apps use either through it. */
export interface SqlClient {
  query<R>(sql: string, params?: unknown[]): Promise<{ rows: R[] }>;
}

export interface OpenedSqlClient {
  client: SqlClient;
  close(): Promise<void>;
}

/**
 * PGlite in memory, created and filled here (each server process has its own), or a pg pool on
 * the PostgreSQL database the harness has filled.
 */
export async function openSqlClient(kind: 'pglite' | 'postgres'): Promise<OpenedSqlClient> {
  if (kind === 'pglite') {
    const db = await PGlite.create();
    await db.exec(CREATE_WORLD_SQL);
    await db.exec(SEED_WORLD_SQL);
    return { client: db, close: () => db.close() };
  }
  const url = postgresUrl();
  if (url === undefined) throw new Error('TENON_TEST_POSTGRES_URL is not set');
  const pool = new Pool({ connectionString: url, max: PG_POOL_SIZE });
  return { client: pool, close: () => pool.end() };
}

interface WorldRow {
  id: number;
  random_number: number;
}

/*
 * The same three handlers for raw Fastify and Nest: one query per row, the q rows fetched
 * concurrently, and in /updates one UPDATE per row, all in flight together.
 */
export async function findRandomWorld(client: SqlClient): Promise<World> {
  const { rows } = await client.query<WorldRow>(SELECT_WORLD_SQL, [randomWorldId()]);
  const row = rows[0]!;
  return { id: row.id, randomNumber: row.random_number };
}

export function findRandomWorlds(client: SqlClient, q: unknown): Promise<World[]> {
  const count = parseQueryCount(q);
  const worlds: Promise<World>[] = [];
  for (let i = 0; i < count; i++) worlds.push(findRandomWorld(client));
  return Promise.all(worlds);
}

export async function updateRandomWorlds(client: SqlClient, q: unknown): Promise<World[]> {
  const worlds = await findRandomWorlds(client, q);
  await Promise.all(
    worlds.map((world) => {
      world.randomNumber = randomWorldId();
      return client.query(UPDATE_WORLD_SQL, [world.id, world.randomNumber]);
    }),
  );
  return worlds;
}
