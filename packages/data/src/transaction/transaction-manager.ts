import { AsyncLocalStorage } from 'node:async_hooks';
import { sql, type ControlledTransaction, type Kysely } from 'kysely';
import type { DialectCapabilities } from '../connection/dialect-capabilities';
import type { DynamicSchema } from '../connection/dynamic-schema';
import {
  invalidTransactionOptions,
  noTransaction,
  rollbackOnly,
  savepointsUnsupported,
  singleConnectionDeadlock,
  transactionEnded,
  transactionExists,
} from '../errors/transaction.errors';
import { ISOLATION_LEVELS, Propagation, type TransactionOptions } from './propagation';
import {
  PhysicalTransaction,
  TransactionScope,
  type TransactionFlow,
  type TransactionHook,
} from './transaction-flow';
import { TransactionGuardPlugin } from './transaction-guard.plugin';
import { ManagerRegistry } from './manager-registry';
import { retryPolicy, runWithRetry } from './transaction-retry';
import type { TransactionStatus } from './transaction-status';

const PROPAGATIONS = new Set<string>(Object.values(Propagation));
const registry = new ManagerRegistry<TransactionManager>();
/**
 * Runs work in transactions and knows, through AsyncLocalStorage, which transaction the current
 * async flow is in. Repositories take their executor from it, so a repository call inside
 * `run()` (or a `@Transactional()` method) joins the transaction without passing it around.
 *
 * @example
 * await database.transactions.run(async () => {
 *   await accounts.save({ ...from, balance: from.balance - 10 });
 *   await accounts.save({ ...to, balance: to.balance + 10 });
 * }, { isolation: 'serializable' });
 */
export class TransactionManager {
  private nextId = 1;

  constructor(
    private readonly kysely: Kysely<DynamicSchema>,
    private readonly capabilities: DialectCapabilities,
    /** @internal The async-flow state; the connection gate reads it too. */
    readonly flows: AsyncLocalStorage<TransactionFlow> = new AsyncLocalStorage<TransactionFlow>(),
  ) {}

  /** The manager `@Transactional()` uses: the most recent registration still in place. */
  static getDefault(): TransactionManager | undefined {
    return registry.current();
  }

  /**
   * The manager `@Transactional()` methods of `instance` use: the one of the application that
   * built it (DataModule binds every singleton provider and controller at boot), else the default.
   */
  static of(instance: unknown): TransactionManager | undefined {
    return registry.of(instance);
  }

  /** Binds `instance` to `manager` unless already bound; true when this call bound it. */
  static bind(instance: object, manager: TransactionManager): boolean {
    return registry.bind(instance, manager);
  }

  /** Drops the binding of `instance` when it is to `manager`. */
  static unbind(instance: object, manager: TransactionManager): void {
    registry.unbind(instance, manager);
  }

  /**
   * Registers `manager` as the one `@Transactional()` methods use, until a matching
   * {@link clearDefault}. Decorated methods live on arbitrary classes (not always providers), so
   * they cannot receive it by injection. Registrations stack: DataModule registers at boot and
   * clears at shutdown, so closing one application gives the default back to the one before it.
   * `setDefault(undefined)` drops every registration.
   *
   * @example
   * TransactionManager.setDefault(database.transactions);
   * try { await service.transfer('a', 'b', 10); } finally { TransactionManager.clearDefault(database.transactions); }
   */
  static setDefault(manager: TransactionManager | undefined): void {
    registry.push(manager);
  }

  /**
   * Removes the most recent registration of `manager` (one per call); the default becomes the
   * most recent remaining one. Does nothing when `manager` is not registered.
   */
  static clearDefault(manager: TransactionManager): void {
    registry.remove(manager);
  }

  /** True when the current async flow is inside an active transaction. */
  get inTransaction(): boolean {
    return this.flows.getStore()?.scope?.physical.active === true;
  }

  /**
   * The executor for the current async flow: the open transaction's, or the root one.
   * @throws TENON_DATA_TRANSACTION_ENDED when the flow's transaction has already ended.
   */
  executor(): Kysely<DynamicSchema> {
    const scope = this.flows.getStore()?.scope;
    if (scope === undefined) return this.kysely;
    const { physical } = scope;
    if (!physical.active || physical.executor === undefined)
      throw transactionEnded(physical.id, physical.state);
    return physical.executor;
  }

  /** Registers a hook on the current transaction; see {@link TransactionStatus.afterCommit}. */
  afterCommit(hook: TransactionHook): void {
    this.currentScope('afterCommit()').afterCommit.push(hook);
  }

  /** Registers a hook on the current transaction; see {@link TransactionStatus.afterRollback}. */
  afterRollback(hook: TransactionHook): void {
    this.currentScope('afterRollback()').afterRollback.push(hook);
  }

  /**
   * Runs `fn` with the given propagation. Any error thrown by `fn` rolls back the transaction
   * (or savepoint) this call began, and is rethrown. With `retry`, a call that begins a
   * transaction runs `fn` again in a new one while the database aborts it because of a
   * concurrent transaction (see {@link TransactionRetryOptions}).
   *
   * @example
   * await manager.run(() => articles.deleteWithComments(id), { retry: { maxAttempts: 5 } });
   */
  async run<R>(
    fn: (status: TransactionStatus) => Promise<R> | R,
    options: TransactionOptions = {},
  ): Promise<R> {
    validateTransactionOptions(options);
    const flow = this.flows.getStore();
    const scope = flow?.scope;
    if (scope !== undefined && !scope.physical.active)
      throw transactionEnded(scope.physical.id, scope.physical.state);
    const suspended = flow?.suspended ?? [];
    const retry = retryPolicy(options.retry);
    // Only a call that begins a physical transaction retries: the one a joining call would
    // repeat was begun by its caller, and is rolled back as a whole.
    const runNew = (outer: readonly PhysicalTransaction[]): Promise<R> =>
      retry === undefined
        ? this.runNew(outer, fn, options)
        : runWithRetry(retry, () => this.runNew(outer, fn, options));
    switch (options.propagation ?? Propagation.REQUIRED) {
      case Propagation.REQUIRED:
        return scope ? this.participate(scope, fn) : runNew(suspended);
      case Propagation.SUPPORTS:
        return scope ? this.participate(scope, fn) : this.runWithout(suspended, fn);
      case Propagation.MANDATORY:
        if (!scope) throw noTransaction('Propagation.MANDATORY');
        return this.participate(scope, fn);
      case Propagation.NEVER:
        if (scope) throw transactionExists();
        return this.runWithout(suspended, fn);
      case Propagation.NOT_SUPPORTED:
        if (!scope) return this.runWithout(suspended, fn);
        this.assertCanSuspend('A call with Propagation.NOT_SUPPORTED ran');
        return this.runWithout([...suspended, scope.physical], fn);
      case Propagation.REQUIRES_NEW:
        if (!scope) return runNew(suspended);
        this.assertCanSuspend('A new transaction (REQUIRES_NEW) was started');
        return runNew([...suspended, scope.physical]);
      case Propagation.NESTED:
        if (!scope) return runNew(suspended);
        if (!this.capabilities.savepoints) throw savepointsUnsupported(this.capabilities.dialect);
        return this.runNested(scope, suspended, fn);
    }
  }

  private currentScope(what: string): TransactionScope {
    const scope = this.flows.getStore()?.scope;
    if (scope === undefined || !scope.physical.active) throw noTransaction(what);
    return scope;
  }

  private assertCanSuspend(what: string): void {
    // The suspended transaction keeps the only connection until this call returns.
    if (this.capabilities.singleConnection) throw singleConnectionDeadlock(this.capabilities.dialect, what);
  }

  private async participate<R>(
    scope: TransactionScope,
    fn: (status: TransactionStatus) => Promise<R> | R,
  ): Promise<R> {
    try {
      return await fn(statusFor(scope, false));
    } catch (error) {
      scope.physical.rollbackOnly = true;
      throw error;
    }
  }

  private runWithout<R>(
    suspended: readonly PhysicalTransaction[],
    fn: (status: TransactionStatus) => Promise<R> | R,
  ): Promise<R> {
    return this.flows.run({ scope: undefined, suspended }, async () => fn(NO_TRANSACTION_STATUS));
  }

  private async runNew<R>(
    suspended: readonly PhysicalTransaction[],
    fn: (status: TransactionStatus) => Promise<R> | R,
    options: TransactionOptions,
  ): Promise<R> {
    const timeout = options.timeout;
    const physical = new PhysicalTransaction(
      this.nextId++,
      options.readOnly === true,
      timeout !== undefined ? Date.now() + timeout : undefined,
      timeout,
    );
    const controlled = await this.begin(physical, suspended, options);
    const scope = new TransactionScope(physical);
    let result: R;
    try {
      result = await this.flows.run({ scope, suspended }, () => fn(statusFor(scope, true)));
    } catch (error) {
      await this.rollback(physical, controlled);
      await runHooks(scope.afterRollback);
      throw error;
    }
    if (physical.rollbackOnly) {
      await this.rollback(physical, controlled);
      await runHooks(scope.afterRollback);
      if (scope.rollbackRequested) return result;
      throw rollbackOnly(physical.id);
    }
    try {
      await controlled.commit().execute();
      physical.state = 'committed';
    } catch (error) {
      await this.rollback(physical, controlled);
      await runHooks(scope.afterRollback);
      throw error;
    }
    await runHooks(scope.afterCommit);
    return result;
  }

  private async begin(
    physical: PhysicalTransaction,
    suspended: readonly PhysicalTransaction[],
    options: TransactionOptions,
  ): Promise<ControlledTransaction<DynamicSchema>> {
    const { dialect } = this.capabilities;
    let builder = this.kysely.startTransaction();
    // Kysely's PGlite and SQLite drivers ignore these settings; PGlite gets them as SQL below.
    if (dialect === 'postgres' || dialect === 'mysql') {
      if (options.isolation !== undefined) builder = builder.setIsolationLevel(options.isolation);
      if (options.readOnly === true) builder = builder.setAccessMode('read only');
    }
    const controlled = await this.flows.run({ scope: undefined, suspended, acquiringFor: physical }, () =>
      builder.execute(),
    );
    physical.controlled = controlled;
    physical.state = 'active';
    try {
      if (dialect === 'pglite') {
        if (options.isolation !== undefined) {
          await sql`set transaction isolation level ${sql.raw(options.isolation)}`.execute(controlled);
        }
        if (options.readOnly === true) await sql`set transaction read only`.execute(controlled);
      }
      if (options.timeout !== undefined && (dialect === 'postgres' || dialect === 'pglite')) {
        await sql`select set_config('statement_timeout', ${String(options.timeout)}, true)`.execute(
          controlled,
        );
      }
    } catch (error) {
      await this.rollback(physical, controlled);
      throw error;
    }
    physical.executor = controlled.withPlugin(new TransactionGuardPlugin(physical));
    return controlled;
  }

  private async rollback(
    physical: PhysicalTransaction,
    controlled: ControlledTransaction<DynamicSchema>,
  ): Promise<void> {
    physical.state = 'rolled back';
    try {
      await controlled.rollback().execute();
    } catch {
      // The original error matters more; a failed rollback (dead connection) is released anyway.
    }
  }

  private async runNested<R>(
    parent: TransactionScope,
    suspended: readonly PhysicalTransaction[],
    fn: (status: TransactionStatus) => Promise<R> | R,
  ): Promise<R> {
    const physical = parent.physical;
    const controlled = physical.controlled!;
    const name = `tenon_sp_${++physical.savepointCount}`;
    await controlled.savepoint(name).execute();
    const scope = new TransactionScope(physical, parent, name);
    // Savepoint names are typed by Kysely at compile time; ours are made at run time.
    const savepoints = controlled as unknown as ControlledTransaction<DynamicSchema, [string]>;
    let result: R;
    try {
      result = await this.flows.run({ scope, suspended }, () => fn(statusFor(scope, false)));
    } catch (error) {
      await savepoints.rollbackToSavepoint(name).execute();
      await runHooks(scope.afterRollback);
      throw error;
    }
    if (scope.rollbackRequested) {
      await savepoints.rollbackToSavepoint(name).execute();
      await runHooks(scope.afterRollback);
      return result;
    }
    await savepoints.releaseSavepoint(name).execute();
    // The savepoint's work now commits or rolls back with its parent; so do its hooks.
    parent.afterCommit.push(...scope.afterCommit);
    parent.afterRollback.push(...scope.afterRollback);
    return result;
  }
}

function statusFor(scope: TransactionScope, isNew: boolean): TransactionStatus {
  return {
    active: true,
    isNewTransaction: isNew,
    isNested: scope.savepoint !== undefined,
    readOnly: scope.physical.readOnly,
    afterCommit: (hook) => void scope.afterCommit.push(hook),
    afterRollback: (hook) => void scope.afterRollback.push(hook),
    setRollbackOnly: () => {
      scope.rollbackRequested = true;
      if (scope.savepoint === undefined) scope.physical.rollbackOnly = true;
    },
  };
}

const NO_TRANSACTION_STATUS: TransactionStatus = {
  active: false,
  isNewTransaction: false,
  isNested: false,
  readOnly: false,
  afterCommit: () => {
    throw noTransaction('afterCommit()');
  },
  afterRollback: () => {
    throw noTransaction('afterRollback()');
  },
  setRollbackOnly: () => {
    throw noTransaction('setRollbackOnly()');
  },
};

/** Runs every hook even when one fails; the first failure is rethrown after all ran. */
async function runHooks(hooks: readonly TransactionHook[]): Promise<void> {
  let failure: { error: unknown } | undefined;
  for (const hook of hooks) {
    try {
      await hook();
    } catch (error) {
      failure ??= { error };
    }
  }
  if (failure) throw failure.error;
}

/** Checks options once, at decoration time for `@Transactional()` and per call for `run()`. */
export function validateTransactionOptions(options: TransactionOptions): void {
  if (options.propagation !== undefined && !PROPAGATIONS.has(options.propagation)) {
    throw invalidTransactionOptions(
      `propagation ${JSON.stringify(options.propagation)} is not one of ${[...PROPAGATIONS].join(', ')}`,
    );
  }
  if (options.isolation !== undefined && !ISOLATION_LEVELS.includes(options.isolation)) {
    throw invalidTransactionOptions(
      `isolation ${JSON.stringify(options.isolation)} is not one of ${ISOLATION_LEVELS.map((l) => `'${l}'`).join(', ')}`,
    );
  }
  if (options.timeout !== undefined && !(Number.isFinite(options.timeout) && options.timeout > 0)) {
    throw invalidTransactionOptions(
      `timeout must be a positive number of milliseconds, got ${String(options.timeout)}`,
    );
  }
  retryPolicy(options.retry);
}
