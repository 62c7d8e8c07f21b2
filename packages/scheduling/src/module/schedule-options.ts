import type { ScheduleLockFactory } from '../locks/schedule-lock';

/** Options of `ScheduleModule.forRoot()`. */
export interface ScheduleModuleOptions {
  /**
   * Makes `@Cron` and `@Interval` jobs fire on one instance per tick: `databaseLock()` (a lease
   * row per tick in @tenon/data's database) or `redisLock({ url })`. Without it every instance
   * runs every tick, as NestJS's scheduler does.
   */
  lock?: ScheduleLockFactory;
  /** This instance's name in leases and health details (default `hostname:pid:random`). */
  instanceId?: string;
  /** How long shutdown waits for running jobs (default 8,000 ms, below core's hook limit). */
  shutdownTimeout?: number;
}
