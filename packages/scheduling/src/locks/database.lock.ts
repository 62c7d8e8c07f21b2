import type { ApplicationContext } from '@tenon/core';
import type { Database } from '@tenon/data';
import { LockBackendMissingError } from '../errors/lock-backend-missing.error';
import { dataPackage } from '../util/lazy-module';
import { LEASE_TABLE, type LeaseRow } from './lease-table';
import type { LeaseRecord, RunOutcome, ScheduleLock, ScheduleLockFactory } from './schedule-lock';

/** Options of `databaseLock()`. */
export interface DatabaseLockOptions {
  /** The lease table (default `tenon_schedule_leases`), created at boot when missing. */
  table?: string;
  /** How long lease rows are kept (default one day); the latest row of each job is always kept. */
  retainMs?: number;
}

const PRUNE_EVERY_MS = 10 * 60_000;

/**
 * One row per (job, tick) in the application database (@tenon/data: PostgreSQL, and also
 * MariaDB, SQLite and PGlite): an instance runs a tick when its insert of the row is the one
 * that lands. Rows are visible (who ran what, when, how it ended) and outlive connection drops,
 * unlike a session-bound advisory lock.
 */
class DatabaseLock implements ScheduleLock {
  readonly kind = 'database';
  private readonly pruned = new Map<string, number>();

  constructor(
    private readonly database: Database,
    private readonly table: string,
    private readonly retainMs: number,
  ) {}

  async ensureTable(): Promise<void> {
    const create = () =>
      this.database.kysely.schema
        .createTable(this.table)
        .ifNotExists()
        .addColumn('job', 'varchar(200)', (c) => c.notNull())
        .addColumn('tick', 'varchar(30)', (c) => c.notNull())
        .addColumn('holder', 'varchar(200)', (c) => c.notNull())
        .addColumn('started_at', 'varchar(30)', (c) => c.notNull())
        .addColumn('finished_at', 'varchar(30)')
        .addColumn('outcome', 'varchar(20)')
        .addPrimaryKeyConstraint(`${this.table}_pk`, ['job', 'tick'])
        .execute();
    try {
      await create();
    } catch (error) {
      // PostgreSQL's "if not exists" races when several instances boot at once (a unique
      // violation on its catalog): the table is there once the other one committed.
      const exists = await this.database.kysely
        .selectFrom(this.table)
        .select('job')
        .limit(1)
        .execute()
        .then(
          () => true,
          () => false,
        );
      if (!exists) throw error;
    }
  }

  async claim(job: string, tick: Date, holder: string): Promise<boolean> {
    const row: LeaseRow = {
      job,
      tick: tick.toISOString(),
      holder,
      started_at: new Date().toISOString(),
      finished_at: null,
      outcome: null,
    };
    const insert = this.database.kysely.insertInto(this.table).values(row);
    const result = await (
      this.database.capabilities.dialect === 'mysql'
        ? insert.ignore()
        : insert.onConflict((oc) => oc.columns(['job', 'tick']).doNothing())
    ).executeTakeFirst();
    const won = Number(result.numInsertedOrUpdatedRows ?? 0n) === 1;
    if (won) this.pruneLater(job, tick);
    return won;
  }

  async complete(job: string, tick: Date, holder: string, outcome: RunOutcome): Promise<void> {
    await this.database.kysely
      .updateTable(this.table)
      .set({ finished_at: new Date().toISOString(), outcome })
      .where('job', '=', job)
      .where('tick', '=', tick.toISOString())
      .where('holder', '=', holder)
      .execute();
  }

  async lastRun(job: string): Promise<LeaseRecord | undefined> {
    const row = (await this.database.kysely
      .selectFrom(this.table)
      .selectAll()
      .where('job', '=', job)
      .orderBy('tick', 'desc')
      .limit(1)
      .executeTakeFirst()) as LeaseRow | undefined;
    if (!row) return undefined;
    return {
      job: row.job,
      tick: new Date(row.tick),
      holder: row.holder,
      startedAt: new Date(row.started_at),
      ...(row.finished_at ? { finishedAt: new Date(row.finished_at) } : {}),
      ...(row.outcome ? { outcome: row.outcome as RunOutcome } : {}),
    };
  }

  async close(): Promise<void> {
    // The Database belongs to DataModule, which closes it.
  }

  /** Old rows go at most every ten minutes per job, by the instance that just won a tick. */
  private pruneLater(job: string, tick: Date): void {
    const now = Date.now();
    if (now - (this.pruned.get(job) ?? 0) < PRUNE_EVERY_MS) return;
    this.pruned.set(job, now);
    const cutoff = new Date(tick.getTime() - this.retainMs).toISOString();
    void this.database.kysely
      .deleteFrom(this.table)
      .where('job', '=', job)
      .where('tick', '<', cutoff)
      .execute()
      .catch(() => undefined);
  }
}

/**
 * The cluster lock on the application database of @tenon/data (PostgreSQL in production): a
 * lease row per job and tick, in the table `tenon_schedule_leases` (created at boot when
 * missing; add it to your migrations for `schema: 'validate'` apps, see the README).
 *
 * @example
 * @Module({ imports: [DataModule.forRoot({ url: process.env.DATABASE_URL }), ScheduleModule.forRoot({ lock: databaseLock() })] })
 * export class AppModule {}
 */
export function databaseLock(options: DatabaseLockOptions = {}): ScheduleLockFactory {
  return {
    kind: 'database',
    async open(app: ApplicationContext): Promise<ScheduleLock> {
      let database: Database;
      try {
        database = app.get(dataPackage().Database);
      } catch {
        throw LockBackendMissingError.noDatabase();
      }
      const lock = new DatabaseLock(database, options.table ?? LEASE_TABLE, options.retainMs ?? 86_400_000);
      await lock.ensureTable();
      return lock;
    },
  };
}
