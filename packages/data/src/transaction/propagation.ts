import type { TransactionRetryOptions } from './transaction-retry';

/**
 * How a transactional call relates to a transaction already open in its async context
 * (Spring's `Propagation`).
 *
 * @example
 * @Transactional({ propagation: Propagation.REQUIRES_NEW })
 * async audit(event: AuditEvent) { ... }
 */
export enum Propagation {
  /** Join the open transaction, or start one (the default). */
  REQUIRED = 'REQUIRED',
  /** Suspend the open transaction and run in a new one (needs a second connection). */
  REQUIRES_NEW = 'REQUIRES_NEW',
  /** Run in a savepoint of the open transaction (rolled back alone on error), or start one. */
  NESTED = 'NESTED',
  /** Join the open transaction, or run without one. */
  SUPPORTS = 'SUPPORTS',
  /** Join the open transaction; throw when there is none. */
  MANDATORY = 'MANDATORY',
  /** Run without a transaction; throw when one is open. */
  NEVER = 'NEVER',
  /** Suspend the open transaction and run without one. */
  NOT_SUPPORTED = 'NOT_SUPPORTED',
}

/** Isolation levels, as the SQL standard spells them. */
export type IsolationLevel = 'read uncommitted' | 'read committed' | 'repeatable read' | 'serializable';

/**
 * Options of `@Transactional()` and `TransactionManager.run()`.
 *
 * @example
 * { propagation: Propagation.REQUIRED, isolation: 'serializable', readOnly: true, timeout: 5000, retry: true }
 */
export interface TransactionOptions {
  /** Default `Propagation.REQUIRED`. */
  propagation?: Propagation;
  /** Applies when a new transaction starts; ignored when joining one. */
  isolation?: IsolationLevel;
  /** The engine rejects writes (where `capabilities.readOnlyTransactions`). */
  readOnly?: boolean;
  /** Milliseconds; a statement that would start after the deadline fails and the transaction rolls back. */
  timeout?: number;
  /**
   * Run the whole transaction again when the database aborts it because of a concurrent one
   * (deadlock, serialization failure, lock wait timeout), with backoff and jitter: `true` for
   * the defaults (3 attempts, pauses from 25 ms), or {@link TransactionRetryOptions}. Off by
   * default, since the method runs again from its start and must be safe to repeat (no side
   * effects outside the transaction; use `afterCommit` for those). Applies only to a call that
   * begins a transaction; a call that joins one leaves retrying to the call that began it.
   */
  retry?: boolean | TransactionRetryOptions;
}

export const ISOLATION_LEVELS: readonly IsolationLevel[] = [
  'read uncommitted',
  'read committed',
  'repeatable read',
  'serializable',
];
