/** What to do about cron ticks that passed while no instance ran. */
export type CatchUpPolicy = 'skip' | 'once';

/** Options shared by `@Cron`, `@Interval` and `@Timeout`. */
export interface JobOptions {
  /** The job's name in `SchedulerRegistry`, logs, health details and lease rows (default `Class.method`). */
  name?: string;
  /**
   * Whether one instance per tick runs the job (needs `ScheduleModule.forRoot({ lock })`).
   * Default: `true` when the module has a lock. `lock: true` without one fails at boot.
   */
  lock?: boolean;
  /** Registered but not started; start it with `SchedulerRegistry.getJob(name).start()`. */
  disabled?: boolean;
}

/** Options of `@Cron`. */
export interface CronOptions extends JobOptions {
  /** IANA time zone the expression is read in (default: the process's). */
  timeZone?: string;
  /**
   * After downtime of every instance: `'skip'` (default) waits for the next tick; `'once'` runs
   * the latest missed tick once at start (needs a lock, which remembers the last run).
   */
  catchUp?: CatchUpPolicy;
}

/** Options of `@Timeout`: a start-up task of each instance, never locked. */
export type TimeoutOptions = Omit<JobOptions, 'lock'>;

/** The metadata one decorator leaves on a method. */
export type JobMetadata =
  | { readonly kind: 'cron'; readonly expression: string; readonly options: CronOptions }
  | { readonly kind: 'interval'; readonly ms: number; readonly options: JobOptions }
  | { readonly kind: 'timeout'; readonly ms: number; readonly options: TimeoutOptions };
