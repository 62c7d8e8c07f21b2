import type { PoolClient } from 'pg';
import { preparedName, refusePrepared } from './prepared-statement-names';

type Query = (config: unknown, values?: unknown, callback?: unknown) => unknown;

// "cached plan must not change result type": a table a prepared SELECT * reads changed shape
// (a migration ran while the pool was open).
const STALE_PLAN = '0A000';

/**
 * Makes a pg client run the repositories' compiled statements (see `markPreparable`) as named
 * prepared statements: pg sends Parse on the connection's first run of a name only. The patch
 * is on our own pool's clients, as each connects; everything else goes to pg's `query` as is.
 */
export function prepareRepositoryStatements(client: PoolClient): void {
  const target = client as unknown as { query: Query };
  const query = target.query.bind(client) as Query;
  target.query = (config, values, callback) => {
    const name = typeof config === 'string' && callback === undefined ? preparedName(config) : undefined;
    if (name === undefined) return query(config, values, callback);
    return (query({ name, text: config, values }) as Promise<unknown>).catch((error: unknown) => {
      if ((error as { code?: unknown }).code !== STALE_PLAN) throw error;
      // From now on unnamed everywhere; this run is tried once unnamed. Inside a transaction the
      // failure has aborted it, and the original error is the one to report.
      refusePrepared(config as string);
      return (query(config, values) as Promise<unknown>).catch(() => {
        throw error;
      });
    });
  };
}
