import type { QueryResult as PgResult } from 'pg';
import { CompiledQuery, type DatabaseConnection, type QueryResult } from 'kysely';
import { kyselyResult } from './pg-result';
import { splitPrelude } from './postgres-prelude-query';
import { STATEMENT_PRELUDE, type PreludeConnection } from './statement-prelude';

/** Runs a prelude and a statement in one round trip on one pg client (see `runWithPrelude`). */
export type PreludeRunner = (
  prelude: readonly string[],
  text: string,
  values: readonly unknown[],
  done: (error: Error | undefined, result?: PgResult | PgResult[]) => void,
) => void;

/**
 * The text of the statement that finds a connection's pg client. Our clients answer it without
 * the server; one that is not ours would run it, harmlessly, and the connection would simply
 * take no prelude.
 */
export const CLIENT_PROBE_SQL = 'select 1 where $1::text is null -- tenon: client probe';

class ClientProbe {
  run: PreludeRunner | undefined;
}

/** The answer of a pg client of our pool to the probe; undefined when `values` is not one. */
export function answerProbe(values: readonly unknown[], run: PreludeRunner): Promise<PgResult> | undefined {
  const probe = values[0];
  if (!(probe instanceof ClientProbe)) return undefined;
  probe.run = run;
  return Promise.resolve({ command: 'SELECT', rowCount: 0, rows: [], oid: 0, fields: [] });
}

/**
 * Gives a connection Kysely made for a pg client of our pool the `STATEMENT_PRELUDE` method, for
 * `onCreateConnection` (once per client). Kysely keeps the client private, so the connection
 * asks it for its runner with a statement the client answers itself; the method goes on
 * Kysely's own object, which then needs no wrapper for its other calls.
 */
export async function takePreludes(connection: DatabaseConnection): Promise<void> {
  const probe = new ClientProbe();
  await connection.executeQuery(CompiledQuery.raw(CLIENT_PROBE_SQL, [probe]));
  const run = probe.run;
  if (run === undefined) return;
  const method: PreludeConnection[typeof STATEMENT_PRELUDE] = <R>(
    prelude: string,
    compiled: CompiledQuery,
  ) => {
    const statements = splitPrelude(prelude);
    if (statements.length === 0) return connection.executeQuery<R>(compiled);
    return new Promise<QueryResult<R>>((resolve, reject) =>
      run(statements, compiled.sql, compiled.parameters, (error, result) =>
        error ? reject(error) : resolve(kyselyResult<R>(result!)),
      ),
    );
  };
  // Configurable: a proxy in front of the connection (a test's, say) may hand out its own.
  Object.defineProperty(connection, STATEMENT_PRELUDE, { value: method, configurable: true });
}
