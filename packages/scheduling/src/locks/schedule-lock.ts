import type { ApplicationContext } from '@tenon/core';

/** How a claimed run ended. */
export type RunOutcome = 'succeeded' | 'failed';

/** One claimed run of a job: the lease of its tick, as the lock backend stores it. */
export interface LeaseRecord {
  readonly job: string;
  /** The scheduled time of the tick (not when it started). */
  readonly tick: Date;
  /** The instance that won the tick (`ScheduleModule.forRoot({ instanceId })`). */
  readonly holder: string;
  readonly startedAt: Date;
  /** Unset while the run is in progress (or when its instance died during it). */
  readonly finishedAt?: Date;
  readonly outcome?: RunOutcome;
}

/**
 * A lock backend opened for one application: claims are keyed by (job name, tick time), so the
 * first instance to claim a tick runs it and every later claim of that tick is refused, even by
 * an instance whose clock lags or that reconnected in between.
 */
export interface ScheduleLock {
  /** `'database'` or `'redis'`, shown in health details. */
  readonly kind: string;
  /** True when this instance won the tick and must run it. */
  claim(job: string, tick: Date, holder: string): Promise<boolean>;
  /** Records how a run this instance claimed ended. */
  complete(job: string, tick: Date, holder: string, outcome: RunOutcome): Promise<void>;
  /** The latest claimed tick of a job on any instance, if any. */
  lastRun(job: string): Promise<LeaseRecord | undefined>;
  close(): Promise<void>;
}

/**
 * What `ScheduleModule.forRoot({ lock })` takes: `databaseLock()` or `redisLock()`. Each
 * application opens its own lock at boot (its own connection or its own Database).
 */
export interface ScheduleLockFactory {
  readonly kind: string;
  open(app: ApplicationContext): Promise<ScheduleLock>;
}
