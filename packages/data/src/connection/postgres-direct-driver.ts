import type { Pool, QueryResult as PgResult } from 'pg';
import type { CompiledQuery, Driver, QueryResult } from 'kysely';
import { DelegatingDriver } from './delegating-driver';
import { kyselyResult } from './pg-result';
import { runStatement, type PgQueryClass } from './postgres-prepared-client';

/** A failure to get a connection from the pool, told apart from the statement's own errors. */
export class AcquireFailure {
  constructor(readonly cause: unknown) {}
}

/** A driver that can run a statement outside transactions without Kysely's connection round. */
export interface DirectDriver extends Driver {
  runDirect<R>(compiled: CompiledQuery): Promise<QueryResult<R>>;
}

export function isDirectDriver(driver: Driver): driver is DirectDriver {
  return typeof (driver as Partial<DirectDriver>).runDirect === 'function';
}

// An error without a SQLSTATE came from the socket or the client, not the server: the client
// is given back as broken, so the pool closes it.
const SQLSTATE = /^[0-9A-Z]{5}$/;

/**
 * Kysely's PostgreSQL driver, plus `runDirect`: one pool checkout, one query, one release, in
 * callbacks, and the result in Kysely's shape. Kysely's own path takes three async steps
 * (acquire, execute, release) with their promises, which a request's async context tracking
 * then pays for on every statement.
 */
export class DirectPostgresDriver extends DelegatingDriver implements DirectDriver {
  constructor(
    inner: Driver,
    private readonly pool: Pool,
    private readonly PgQuery: PgQueryClass,
  ) {
    super(inner);
  }

  runDirect<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    return new Promise((resolve, reject) => {
      this.pool.connect((connectError, client, release) => {
        if (connectError || client === undefined) return reject(new AcquireFailure(connectError));
        const query = client.query.bind(client) as Parameters<typeof runStatement>[0];
        const finish = (error: Error | undefined, result?: PgResult): void => {
          if (error !== undefined) {
            const code = (error as { code?: unknown }).code;
            release(typeof code === 'string' && SQLSTATE.test(code) ? undefined : error);
            return reject(error);
          }
          release();
          resolve(kyselyResult<R>(result!));
        };
        try {
          runStatement(query, this.PgQuery, compiled.sql, compiled.parameters, finish);
        } catch (error) {
          finish(error instanceof Error ? error : new Error(String(error)));
        }
      });
    });
  }
}
