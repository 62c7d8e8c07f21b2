/**
 * What a job method receives as its first argument: which tick it runs for. The tick is the
 * scheduled time, the same on every instance, so it serves as a key for idempotent work.
 *
 * @example
 * @Cron('0 * * * *')
 * async hourly(run: JobContext) { await this.reports.buildFor(run.tick); }
 */
export interface JobContext {
  readonly name: string;
  /** The scheduled time of this run (for `trigger()`, the time of the call). */
  readonly tick: Date;
  /** The instance that runs it. */
  readonly instanceId: string;
  /** True for the run `catchUp: 'once'` makes at start for a missed tick. */
  readonly catchUp: boolean;
}
