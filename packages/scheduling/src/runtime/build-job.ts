import { LockBackendMissingError } from '../errors/lock-backend-missing.error';
import type { JobMetadata } from '../metadata/job-metadata';
import type { JobContext } from './job-context';
import type { JobDefinition } from './job-definition';
import { checkCron, checkDelay, checkTimeZone } from './job-validation';
import { cronSchedule, intervalSchedule, timeoutSchedule } from './tick-schedule';

/**
 * Checks a decorator's metadata (or a `SchedulerRegistry.add*` call) and turns it into a job.
 * Every check throws a coded error naming `where`.
 */
export function buildJob(
  where: string,
  defaultName: string,
  metadata: JobMetadata,
  run: (context: JobContext) => Promise<unknown>,
  hasLock: boolean,
): JobDefinition {
  const { options } = metadata;
  const name = options.name ?? defaultName;
  const wantsLock = 'lock' in options ? options.lock : undefined;
  if (wantsLock === true && !hasLock) throw LockBackendMissingError.noLock(where, 'asks for { lock: true }');
  const base = { name, label: where, disabled: options.disabled === true, run };
  switch (metadata.kind) {
    case 'cron': {
      const { expression } = metadata;
      const { timeZone, catchUp = 'skip' } = metadata.options;
      checkCron(where, expression);
      checkTimeZone(where, timeZone);
      const locked = hasLock && wantsLock !== false;
      if (catchUp === 'once' && !locked)
        throw LockBackendMissingError.noLock(where, "has catchUp: 'once' without a lock");
      return {
        ...base,
        kind: 'cron',
        description: timeZone ? `${expression} (${timeZone})` : expression,
        schedule: () => cronSchedule(expression, timeZone),
        locked,
        catchUp,
      };
    }
    case 'interval': {
      const { ms } = metadata;
      checkDelay(where, '@Interval', ms);
      const locked = hasLock && wantsLock !== false;
      return {
        ...base,
        kind: 'interval',
        description: `every ${ms} ms`,
        schedule: (startedAt) => intervalSchedule(ms, locked ? 0 : startedAt),
        locked,
        catchUp: 'skip',
      };
    }
    case 'timeout': {
      const { ms } = metadata;
      checkDelay(where, '@Timeout', ms);
      return {
        ...base,
        kind: 'timeout',
        description: `after ${ms} ms`,
        schedule: (startedAt) => timeoutSchedule(ms, startedAt),
        locked: false,
        catchUp: 'skip',
      };
    }
  }
}
