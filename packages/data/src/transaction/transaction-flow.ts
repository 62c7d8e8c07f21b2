import type { ControlledTransaction, Kysely } from 'kysely';
import type { DynamicSchema } from '../connection/dynamic-schema';

/** Lifecycle hooks run after the physical transaction ends. */
export type TransactionHook = () => void | Promise<void>;

/** One database transaction (one `BEGIN ... COMMIT/ROLLBACK`). */
export class PhysicalTransaction {
  state: 'starting' | 'active' | 'committed' | 'rolled back' = 'starting';
  /** Set when a participating scope failed: committing would hide that failure. */
  rollbackOnly = false;
  savepointCount = 0;
  controlled: ControlledTransaction<DynamicSchema> | undefined;
  /** The transaction's executor with the guard plugin; what repositories use. */
  executor: Kysely<DynamicSchema> | undefined;

  constructor(
    readonly id: number,
    readonly readOnly: boolean,
    /** Epoch ms after which no statement may start; undefined = no limit. */
    readonly deadline: number | undefined,
    readonly timeoutMs: number | undefined,
  ) {}

  get active(): boolean {
    return this.state === 'active';
  }
}

/**
 * A logical scope inside a physical transaction: the outermost one, or a savepoint opened by
 * `Propagation.NESTED`. Hooks belong to a scope so that rolling back a savepoint drops the
 * `afterCommit` hooks registered inside it.
 */
export class TransactionScope {
  readonly afterCommit: TransactionHook[] = [];
  readonly afterRollback: TransactionHook[] = [];
  /** `setRollbackOnly()` was called on this scope: roll back quietly, no error. */
  rollbackRequested = false;

  constructor(
    readonly physical: PhysicalTransaction,
    readonly parent: TransactionScope | undefined = undefined,
    readonly savepoint: string | undefined = undefined,
  ) {}
}

/**
 * What AsyncLocalStorage carries for one async flow: the transaction scope the flow is in (if
 * any) and the transactions it suspended (REQUIRES_NEW / NOT_SUPPORTED). On a single-connection
 * engine, a flow that waits for the connection held by a transaction it suspended would wait
 * forever; the gate uses this to throw instead.
 */
export interface TransactionFlow {
  readonly scope: TransactionScope | undefined;
  readonly suspended: readonly PhysicalTransaction[];
  /** Set while a transaction acquires the connection, so the gate knows who holds it. */
  readonly acquiringFor?: PhysicalTransaction;
}

/** Whether the flow is inside, or has suspended, the transaction `holder`. */
export function flowOwns(flow: TransactionFlow, holder: object): boolean {
  return flow.scope?.physical === holder || flow.suspended.includes(holder as PhysicalTransaction);
}
