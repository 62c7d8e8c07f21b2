import type { PoolClient, QueryResult as PgResult } from 'pg';
import { answerProbe, CLIENT_PROBE_SQL, type PreludeRunner } from './postgres-prelude-connection';
import { runWithPrelude } from './postgres-prelude-query';
import { preparedName, refusePrepared } from './prepared-statement-names';

type Query = (config: unknown, values?: unknown, callback?: unknown) => unknown;
type Done = (error: Error | undefined, result?: PgResult) => void;

/** pg's `Query` class (`require('pg').Query`). */
export type PgQueryClass = new (
  text: string,
  values: unknown[],
  callback: (error: Error | null, result?: PgResult) => void,
) => { name?: string };

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
export function runStatement(
  query: Query,
  PgQuery: PgQueryClass,
  text: string,
  values: readonly unknown[],
  done: Done,
): void {
  const name = preparedName(text);
  // A text config: pg copies an object config property by property on every run, a string not.
  // pg calls back with `null` for no error.
  const unnamed = (callback: (error: Error | null, result?: PgResult) => void): unknown =>
    query(text, values, callback);
  if (name === undefined) {
    unnamed((error, result) => done(error ?? undefined, result));
    return;
  }
  // A Query built from the text and then named, for the same reason: pg takes a Query as it is.
  const named = new PgQuery(text, values as unknown[], (error, result) => {
    if (error === null || (error as { code?: unknown }).code !== STALE_PLAN)
      return done(error ?? undefined, result);
    refusePrepared(text);
    unnamed((retryError, retried) => (retryError ? done(error) : done(undefined, retried)));
  });
  named.name = name;
  query(named);
}

/**
 * Makes a pg client of our own pool prepare the repositories' statements when Kysely sends them
 * (`client.query(sql, parameters)`), and answer the probe of `takePreludes` with its prelude
 * runner; every other call goes to pg's `query` as is.
 */
export function prepareRepositoryStatements(client: PoolClient, PgQuery: PgQueryClass): void {
  const target = client as unknown as { query: Query };
  const query = target.query.bind(client) as Query;
  const run: PreludeRunner = (prelude, text, values, done) =>
    runWithPrelude(query, PgQuery, prelude, text, values, done);
  target.query = (config, values, callback) => {
    if (typeof config !== 'string' || callback !== undefined || !Array.isArray(values)) {
      return query(config, values, callback);
    }
    if (preparedName(config) === undefined) {
      return (config === CLIENT_PROBE_SQL && answerProbe(values, run)) || query(config, values);
    }
    return new Promise<PgResult>((resolve, reject) =>
      runStatement(query, PgQuery, config, values, (error, result) =>
        error ? reject(error) : resolve(result!),
      ),
    );
  };
}
