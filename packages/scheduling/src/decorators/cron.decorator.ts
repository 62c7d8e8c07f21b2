import { SCHEDULED_JOB } from '../metadata/metadata-keys';
import type { CronOptions, JobMetadata } from '../metadata/job-metadata';

/**
 * Runs the method on a cron schedule (croner syntax: 5 fields, or 6 with seconds first, or a
 * nickname such as `@hourly`). With `ScheduleModule.forRoot({ lock })`, one instance runs each
 * tick. The expression is checked at boot.
 *
 * @example
 * @Injectable()
 * export class ReportJobs {
 *   @Cron('0 0 3 * * *', { name: 'nightly-report', timeZone: 'Europe/Berlin', catchUp: 'once' })
 *   async nightly() { await this.reports.build(); }
 * }
 */
export function Cron(expression: string, options: CronOptions = {}): MethodDecorator {
  return (target, key) => {
    const metadata: JobMetadata = { kind: 'cron', expression, options };
    Reflect.defineMetadata(SCHEDULED_JOB, metadata, target, key);
  };
}
