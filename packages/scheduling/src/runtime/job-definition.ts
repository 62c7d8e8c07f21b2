import type { CatchUpPolicy } from '../metadata/job-metadata';
import type { JobContext } from './job-context';
import type { TickSchedule } from './tick-schedule';

/** A job as the scheduler runs it: found by discovery or added through `SchedulerRegistry`. */
export interface JobDefinition {
  readonly name: string;
  /** Where it was declared, for messages and logs: `Class.method` or `SchedulerRegistry.addCronJob`. */
  readonly label: string;
  readonly kind: 'cron' | 'interval' | 'timeout';
  /** The cron expression or `every 5000 ms` / `after 5000 ms`. */
  readonly description: string;
  /** Builds the schedule when the job starts (intervals and timeouts count from that moment). */
  readonly schedule: (startedAt: number) => TickSchedule;
  readonly locked: boolean;
  readonly catchUp: CatchUpPolicy;
  readonly disabled: boolean;
  readonly run: (context: JobContext) => Promise<unknown>;
}
