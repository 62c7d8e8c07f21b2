import type { QueryResult as PgResult } from 'pg';
import type { QueryResult } from 'kysely';

/**
 * A pg result in the shape Kysely's PostgresConnection gives it: rows, and for a write the
 * number of rows it touched. Several results (a text of several statements) read as none, as in
 * Kysely; COMMIT and ROLLBACK report their command as Kysely does.
 */
export function kyselyResult<R>(result: PgResult | PgResult[]): QueryResult<R> {
  const { command, rowCount, rows } = result as Partial<PgResult>;
  if (command === 'ROLLBACK' || command === 'COMMIT') return { rows: [{ command } as R] };
  const counted = command === 'INSERT' || command === 'UPDATE' || command === 'DELETE' || command === 'MERGE';
  return {
    numAffectedRows: counted ? BigInt(rowCount ?? 0) : undefined,
    rows: (rows ?? []) as R[],
  };
}
