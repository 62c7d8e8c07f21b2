import type { Logger } from '@tenon/core';
import type { LeaseRecord, RunOutcome, ScheduleLock } from '../locks/schedule-lock';
import type { JobDefinition } from './job-definition';
import type { TickSchedule } from './tick-schedule';

// setTimeout's longest delay; a later tick (a yearly cron) is reached in several waits.
const MAX_DELAY = 2 ** 31 - 1;

/** A run this instance made (or is making). */
export interface LocalRun {
  readonly tick: Date;
  readonly startedAt: Date;
  readonly finishedAt?: Date;
  readonly outcome?: RunOutcome;
}

/**
 * One job's timer on this instance. At each tick it claims the tick from the lock (when the job
 * is locked) and runs the method when the claim is won. A tick that arrives while the previous
 * run is still going on this instance is left to the other instances (or skipped without a lock).
 *
 * @example
 * const job = app.get(SchedulerRegistry).getJob('nightly-report');
 * job.stop(); job.nextRun; // undefined
 * job.start(); job.nextRun; // the next tick
 */
export class ScheduledJob {
  private timer: NodeJS.Timeout | undefined;
  private schedule: TickSchedule | undefined;
  private next: number | undefined;
  private readonly inFlight = new Set<Promise<void>>();
  private last: LocalRun | undefined;

  constructor(
    private readonly definition: JobDefinition,
    private readonly lock: ScheduleLock | undefined,
    private readonly holder: string,
    private readonly logger: Logger,
  ) {}

  get name(): string {
    return this.definition.name;
  }

  get kind(): JobDefinition['kind'] {
    return this.definition.kind;
  }

  /** The cron expression, `every N ms` or `after N ms`. */
  get description(): string {
    return this.definition.description;
  }

  /** Where it was declared: `Class.method` or `SchedulerRegistry.add…`. */
  get label(): string {
    return this.definition.label;
  }

  /** Whether one instance per tick runs it. */
  get locked(): boolean {
    return this.definition.locked;
  }

  /** Declared with `{ disabled: true }`: not started at boot. */
  get disabled(): boolean {
    return this.definition.disabled;
  }

  /** True while its timer is armed. */
  get active(): boolean {
    return this.timer !== undefined;
  }

  /** True while a run is in progress on this instance. */
  get running(): boolean {
    return this.inFlight.size > 0;
  }

  /** The next tick, while active. */
  get nextRun(): Date | undefined {
    return this.active && this.next !== undefined ? new Date(this.next) : undefined;
  }

  /** The latest run on this instance (the lock's `lastRun` shows every instance's). */
  get lastRun(): LocalRun | undefined {
    return this.last;
  }

  /** Arms the timer (does nothing when active). Intervals and timeouts count from now. */
  start(): void {
    if (this.active) return;
    const now = Date.now();
    this.schedule = this.definition.schedule(now);
    this.arm(now);
  }

  /** Disarms the timer; a run in progress goes on (see `drain`). */
  stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** Runs the method now, outside the schedule and without the lock. */
  async trigger(): Promise<void> {
    await this.execute(new Date(), false, false);
  }

  /**
   * `catchUp: 'once'`: when the latest tick before now is newer than the last run any instance
   * recorded, claims that tick and runs it. Claiming the tick itself (not a catch-up key) means
   * that of several instances starting together one runs it, and none when it already ran.
   */
  async catchUp(): Promise<void> {
    if (this.definition.catchUp !== 'once' || !this.lock) return;
    const latest = this.definition.schedule(Date.now()).latest(Date.now());
    if (latest === undefined) return;
    const last = await this.lock.lastRun(this.name);
    // A job that never ran has missed nothing: it is new.
    if (!last || last.tick.getTime() >= latest) return;
    this.logger.log(
      `${this.name}: the tick of ${new Date(latest).toISOString()} was missed; running it once`,
    );
    await this.execute(new Date(latest), true, true);
  }

  /** Waits for the runs in progress, up to `timeoutMs`; false when some are still running. */
  async drain(timeoutMs: number): Promise<boolean> {
    if (this.inFlight.size === 0) return true;
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs)));
    const done = Promise.allSettled([...this.inFlight]).then(() => true as const);
    try {
      return await Promise.race([done, timedOut]);
    } finally {
      clearTimeout(timer);
    }
  }

  private arm(from: number): void {
    const next = this.schedule!.next(from);
    this.next = next;
    if (next === undefined) {
      this.timer = undefined;
      return;
    }
    this.timer = setTimeout(() => this.onTimer(next), Math.min(Math.max(next - Date.now(), 0), MAX_DELAY));
  }

  private onTimer(tick: number): void {
    const now = Date.now();
    // A long wait is made of several timers, and a timer may fire a little early.
    if (now < tick) {
      this.timer = setTimeout(() => this.onTimer(tick), Math.min(tick - now, MAX_DELAY));
      return;
    }
    // The next tick counts from now: after a stall (a blocked event loop, a suspended machine)
    // the ticks in between are not run in a burst.
    this.arm(now);
    if (this.running) {
      this.logger.warn(
        `${this.name}: the run before the tick of ${new Date(tick).toISOString()} is still going on here; this instance skips the tick`,
      );
      return;
    }
    void this.execute(new Date(tick), this.definition.locked, false);
  }

  private execute(tick: Date, locked: boolean, catchUp: boolean): Promise<void> {
    const run = this.claimAndRun(tick, locked, catchUp);
    this.inFlight.add(run);
    return run.finally(() => this.inFlight.delete(run));
  }

  private async claimAndRun(tick: Date, locked: boolean, catchUp: boolean): Promise<void> {
    if (locked) {
      try {
        if (!(await this.lock!.claim(this.name, tick, this.holder))) return;
      } catch (error) {
        // Without a lease no instance may assume it is alone: the tick is not run here.
        this.logger.error(
          `${this.name}: the lease of the tick of ${tick.toISOString()} could not be claimed`,
          {
            err: error,
          },
        );
        return;
      }
    }
    const startedAt = new Date();
    this.last = { tick, startedAt };
    let outcome: RunOutcome = 'succeeded';
    try {
      await this.definition.run({ name: this.name, tick, instanceId: this.holder, catchUp });
    } catch (error) {
      outcome = 'failed';
      this.logger.error(`${this.name} (${this.label}) failed`, { err: error });
    }
    this.last = { tick, startedAt, finishedAt: new Date(), outcome };
    if (locked) {
      await this.lock!.complete(this.name, tick, this.holder, outcome).catch((error: unknown) =>
        this.logger.warn(`${this.name}: the outcome of the tick of ${tick.toISOString()} was not recorded`, {
          err: error,
        }),
      );
    }
  }
}

/** The lease as health details show it. */
export function leaseDetails(lease: LeaseRecord | undefined): Record<string, unknown> | undefined {
  if (!lease) return undefined;
  return {
    tick: lease.tick.toISOString(),
    holder: lease.holder,
    startedAt: lease.startedAt.toISOString(),
    ...(lease.finishedAt ? { finishedAt: lease.finishedAt.toISOString() } : {}),
    ...(lease.outcome ? { outcome: lease.outcome } : {}),
  };
}
