import type { PoolClient, QueryResult as PgResult } from 'pg';
import { preparedName, refusePrepared } from './prepared-statement-names';

type Query = (config: unknown, values?: unknown, callback?: unknown) => unknown;
type Done = (error: Error | undefined, result?: PgResult) => void;

// "cached plan must not change result type": a table a prepared SELECT * reads changed shape
// (a migration ran while the pool was open).
const STALE_PLAN = '0A000';

/**
 * Runs `text` on a pg client, under its prepared name when the repositories compiled it (see
 * `markPreparable`): pg sends Parse on the connection's first run of a name only. When the
 * prepared plan went stale, the text is unnamed from then on and this run is tried once
 * unnamed; inside a transaction that failure has aborted it, so the first error is reported.
 * Callbacks, not promises: this is on every repository lookup's path.
 */
export function runStatement(query: Query, text: string, values: readonly unknown[], done: Done): void {
  const name = preparedName(text);
  // pg calls back with `null` for no error.
  if (name === undefined) {
    query({ text, values }, (error: Error | null, result?: PgResult) => done(error ?? undefined, result));
    return;
  }
  query({ name, text, values }, (error: (Error & { code?: unknown }) | undefined, result?: PgResult) => {
    if (error === undefined || error === null || error.code !== STALE_PLAN)
      return done(error ?? undefined, result);
    refusePrepared(text);
    query({ text, values }, (retryError: Error | null, retried?: PgResult) =>
      retryError ? done(error) : done(undefined, retried),
    );
  });
}

/**
 * Makes a pg client of our own pool prepare the repositories' statements when Kysely sends them
 * (`client.query(sql, parameters)`); every other call goes to pg's `query` as is.
 */
export function prepareRepositoryStatements(client: PoolClient): void {
  const target = client as unknown as { query: Query };
  const query = target.query.bind(client) as Query;
  target.query = (config, values, callback) => {
    if (typeof config !== 'string' || callback !== undefined || !Array.isArray(values)) {
      return query(config, values, callback);
    }
    if (preparedName(config) === undefined) return query(config, values);
    return new Promise<PgResult>((resolve, reject) =>
      runStatement(query, config, values, (error, result) => (error ? reject(error) : resolve(result!))),
    );
  };
}
