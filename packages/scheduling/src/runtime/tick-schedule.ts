import { Cron } from 'croner';

/** When a job's ticks fall; times are epoch milliseconds. */
export interface TickSchedule {
  /** The first tick strictly after `after`, or `undefined` when there is none (a fired timeout). */
  next(after: number): number | undefined;
  /** The latest tick at or before `now` (cron only: what catch-up runs). */
  latest(now: number): number | undefined;
}

/** Ticks of a cron expression in a time zone (croner computes them; its own timer is not used). */
export function cronSchedule(expression: string, timeZone: string | undefined): TickSchedule {
  const cron = new Cron(expression, { paused: true, ...(timeZone ? { timezone: timeZone } : {}) });
  return {
    next: (after) => cron.nextRun(new Date(after))?.getTime(),
    latest: (now) => cron.previousRuns(1, new Date(now + 1))[0]?.getTime(),
  };
}

/**
 * Every `ms` counted from `origin`. Locked intervals use origin 0 so that every instance,
 * whenever it started, agrees on the ticks (multiples of `ms` since the epoch).
 */
export function intervalSchedule(ms: number, origin: number): TickSchedule {
  return {
    next: (after) => origin + (Math.floor((after - origin) / ms) + 1) * ms,
    latest: () => undefined,
  };
}

/** One tick, `ms` after `origin` (given once: `@Timeout(0)` fires at `origin` itself). */
export function timeoutSchedule(ms: number, origin: number): TickSchedule {
  let given = false;
  return {
    next: () => (given ? undefined : ((given = true), origin + ms)),
    latest: () => undefined,
  };
}
