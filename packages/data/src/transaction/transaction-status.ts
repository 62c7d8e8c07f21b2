import type { TransactionHook } from './transaction-flow';

/**
 * What the callback of `TransactionManager.run()` receives: facts about the transaction it runs
 * in (if any) and the hooks.
 *
 * @example
 * await tm.run(async (status) => {
 *   await users.save(user);
 *   status.afterCommit(() => mailer.sendWelcome(user));
 * });
 */
export interface TransactionStatus {
  /** True when a transaction is open around the callback. */
  readonly active: boolean;
  /** True when this call began the transaction (not when it joined one or opened a savepoint). */
  readonly isNewTransaction: boolean;
  /** True when this call runs in a savepoint (`Propagation.NESTED` inside a transaction). */
  readonly isNested: boolean;
  readonly readOnly: boolean;
  /** Runs `hook` after the physical transaction commits (never when it rolls back). */
  afterCommit(hook: TransactionHook): void;
  /** Runs `hook` after the transaction (or this savepoint) rolls back. */
  afterRollback(hook: TransactionHook): void;
  /** Rolls back at the end instead of committing, without throwing from the callback. */
  setRollbackOnly(): void;
}
