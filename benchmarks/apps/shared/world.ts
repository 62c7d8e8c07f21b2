/*
 * The TechEmpower "world" table (10,000 rows of id and random number) and its rules, shared by
 * every app so that /db, /queries and /updates do the same queries everywhere.
 */

export const WORLD_ROWS = 10_000;

export interface World {
  id: number;
  randomNumber: number;
}

/** A random row id in 1..10,000. */
export function randomWorldId(): number {
  return 1 + Math.floor(Math.random() * WORLD_ROWS);
}

/** TechEmpower's rule for `?q=`: missing or not a number is 1, then clamped to 1..500. */
export function parseQueryCount(q: unknown): number {
  const n = typeof q === 'string' ? Number.parseInt(q, 10) : NaN;
  if (Number.isNaN(n) || n < 1) return 1;
  return n > 500 ? 500 : n;
}

export const CREATE_WORLD_SQL =
  'CREATE TABLE IF NOT EXISTS world (id integer PRIMARY KEY, random_number integer NOT NULL)';

/** One statement fills the table: 10,000 single-row inserts would make every PGlite boot slow. */
export const SEED_WORLD_SQL = `INSERT INTO world (id, random_number)
  SELECT i, 1 + floor(random() * ${WORLD_ROWS})::int FROM generate_series(1, ${WORLD_ROWS}) AS i
  ON CONFLICT (id) DO NOTHING`;

export const SELECT_WORLD_SQL = 'SELECT id, random_number FROM world WHERE id = $1';
export const UPDATE_WORLD_SQL = 'UPDATE world SET random_number = $2 WHERE id = $1';

/** The connection pool size every PostgreSQL app uses. */
export const PG_POOL_SIZE = 10;

/** The PostgreSQL URL of the database scenarios, or undefined when they run on PGlite only. */
export function postgresUrl(): string | undefined {
  const url = process.env.TENON_TEST_POSTGRES_URL;
  return url === undefined || url.trim() === '' ? undefined : url.trim();
}
