import { TenonError } from '@tenon/core';
import { SchedulingErrorCode } from './errors';

/**
 * A job needs a lock (cluster-safe runs, or `catchUp: 'once'`) that the application cannot
 * provide: `databaseLock()` without a `DataModule`, or a job asking for a lock when
 * `ScheduleModule.forRoot()` has none.
 *
 * @example
 * ScheduleModule.forRoot({ lock: databaseLock() }) // but no DataModule.forRoot({ url }) imported
 */
export class LockBackendMissingError extends TenonError {
  constructor(what: string, cause: string, fix: string) {
    super(SchedulingErrorCode.LOCK_BACKEND_MISSING, `${what}\n  Cause: ${cause}\n  Fix: ${fix}`);
  }

  /** `databaseLock()` was configured and no `Database` of @tenon/data is registered. */
  static noDatabase(): LockBackendMissingError {
    return new LockBackendMissingError(
      'ScheduleModule has lock: databaseLock(), and the application has no Database from @tenon/data.',
      'the database lock writes one lease row per job and tick in the application database, so that one instance runs each tick.',
      'import DataModule.forRoot({ url }) in the application (and install @tenon/data), or use lock: redisLock({ url }).',
    );
  }

  /** A job wants a lock and the module has none. */
  static noLock(where: string, why: string): LockBackendMissingError {
    return new LockBackendMissingError(
      `${where} ${why}, and ScheduleModule.forRoot() has no lock.`,
      'without a lock every instance runs every tick and no instance knows when the job last ran.',
      "give ScheduleModule.forRoot({ lock: databaseLock() }) or { lock: redisLock({ url }) }, or remove the job's option.",
    );
  }
}
