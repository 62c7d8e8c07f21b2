import { DataError } from './data.error';
import { DataErrorCode } from './errors';

export function noTransaction(what: string): DataError {
  return new DataError(
    DataErrorCode.NO_TRANSACTION,
    `${what} needs an active transaction, but none is open in this async context. ` +
      `Call it from a @Transactional() method or inside TransactionManager.run(...).`,
  );
}

export function transactionExists(): DataError {
  return new DataError(
    DataErrorCode.TRANSACTION_EXISTS,
    `Propagation.NEVER was requested, but a transaction is already open in this async context. ` +
      `Call the method outside any transaction, or use Propagation.SUPPORTS or NOT_SUPPORTED.`,
  );
}

export function transactionEnded(id: number, state: string): DataError {
  return new DataError(
    DataErrorCode.TRANSACTION_ENDED,
    `A query ran in transaction #${id} after it was ${state}. The query was probably started ` +
      `without await (fire-and-forget) or kept a transaction's executor. Await every query ` +
      `inside the transaction, or run later work in its own transaction (an afterCommit hook).`,
  );
}

export function transactionTimeout(id: number, timeoutMs: number): DataError {
  return new DataError(
    DataErrorCode.TRANSACTION_TIMEOUT,
    `Transaction #${id} ran past its timeout of ${timeoutMs} ms; it is rolled back. ` +
      `Do less work per transaction, or raise the timeout option.`,
  );
}

export function rollbackOnly(id: number): DataError {
  return new DataError(
    DataErrorCode.ROLLBACK_ONLY,
    `Transaction #${id} was rolled back instead of committed: a method that joined it threw ` +
      `(marking it rollback-only) and the error was caught. Let the error propagate, or run ` +
      `the failing call with Propagation.REQUIRES_NEW or NESTED so its failure stays its own.`,
  );
}

export function singleConnectionDeadlock(dialect: string, what: string): DataError {
  return new DataError(
    DataErrorCode.SINGLE_CONNECTION_DEADLOCK,
    `${what} on ${dialect}, which has a single connection held by the transaction open in this ` +
      `async context: it would wait for itself forever. Run the work inside the open transaction ` +
      `(Propagation.REQUIRED or NESTED), or after it ends; use a server database (postgres://, ` +
      `mysql://) for independent concurrent transactions.`,
  );
}

export function savepointsUnsupported(dialect: string): DataError {
  return new DataError(
    DataErrorCode.SAVEPOINTS_UNSUPPORTED,
    `Propagation.NESTED needs savepoints, which the ${dialect} dialect does not support. ` +
      `Use Propagation.REQUIRED or REQUIRES_NEW.`,
  );
}

export function noTransactionManager(method: string): DataError {
  return new DataError(
    DataErrorCode.NO_TRANSACTION_MANAGER,
    `@Transactional() ${method} was called, but no TransactionManager is registered. Import ` +
      `DataModule.forRoot(...) in the application (it registers one at boot), or call ` +
      `TransactionManager.setDefault(database.transactions) when using a Database directly.`,
  );
}

export function invalidTransactionOptions(problem: string): DataError {
  return new DataError(DataErrorCode.INVALID_TRANSACTION_OPTIONS, `Invalid transaction options: ${problem}.`);
}

/** Why the database aborted a transaction because of a concurrent one. */
export type TransactionConflictReason = 'deadlock' | 'serialization-failure' | 'lock-timeout';

const CONFLICT_CAUSES: Record<TransactionConflictReason, string> = {
  deadlock: 'it deadlocked with a concurrent transaction (each waited for a row the other had locked)',
  'serialization-failure':
    'it could not be serialized with a concurrent transaction that changed the same rows',
  'lock-timeout': 'it waited too long for a row a concurrent transaction had locked',
};

/**
 * The database aborted the transaction to resolve a conflict with a concurrent one: a deadlock
 * (PostgreSQL/PGlite `40P01`, MySQL/MariaDB `1213`), a serialization failure (`40001`) or a lock
 * wait timeout (MySQL/MariaDB `1205`). Nothing the transaction wrote is kept, and running it
 * again usually succeeds: `@Transactional({ retry: true })` does that. `status = 409` lets the
 * HTTP layer answer a conflict (the client may send the request again), not a 500.
 *
 * @example
 * try { await service.transfer(a, b, 10); }
 * catch (e) { if (e instanceof TransactionConflictError) ...; throw e; }
 */
export class TransactionConflictError extends DataError {
  /** The HTTP status this error maps to. */
  readonly status = 409;
  /** What the HTTP layer answers in production, in the client's terms. */
  readonly clientMessage =
    'The request conflicted with concurrent requests changing the same data and was not applied: send it again.';

  constructor(
    readonly reason: TransactionConflictReason,
    /** `SQLSTATE 40P01`, `ER_LOCK_DEADLOCK`: for the logs. */
    readonly driverCode: string,
    options?: { cause?: unknown },
  ) {
    super(
      DataErrorCode.TRANSACTION_CONFLICT,
      `The database aborted the transaction: ${CONFLICT_CAUSES[reason]} (${driverCode}). Nothing it wrote ` +
        `was kept. Run the whole transaction again: @Transactional({ retry: true }) or ` +
        `TransactionManager.run(fn, { retry: true }) does that with backoff; writing rows in one ` +
        `order everywhere avoids deadlocks.`,
      options,
    );
  }
}
