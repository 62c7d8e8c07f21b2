import 'reflect-metadata';
import { ApplicationContext, Injectable, Module, Scope, type Type } from '@tenon/core';
import {
  Cron,
  Interval,
  type JobContext,
  ScheduleModule,
  SchedulerRegistry,
  SchedulingHealthIndicator,
  Timeout,
  type ScheduleModuleOptions,
} from '@tenon/scheduling';
import { MemoryLock } from '../fixtures/memory-lock';

const START = new Date('2026-03-01T10:00:00.500Z');

async function boot(providers: Type[], options: ScheduleModuleOptions = {}): Promise<ApplicationContext> {
  @Module({ imports: [ScheduleModule.forRoot(options)], providers })
  class App {}
  return ApplicationContext.create(App, { logger: false });
}

describe('scheduler on a fake clock', () => {
  beforeEach(() =>
    jest.useFakeTimers({ now: START, doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] }),
  );
  afterEach(() => jest.useRealTimers());

  it('runs a cron job at each tick with the tick as its context', async () => {
    const ticks: string[] = [];
    @Injectable()
    class Jobs {
      @Cron('* * * * * *')
      everySecond(run: JobContext) {
        ticks.push(run.tick.toISOString());
      }
    }
    const app = await boot([Jobs]);
    expect(ticks).toEqual([]);
    await jest.advanceTimersByTimeAsync(3000);
    expect(ticks).toEqual([
      '2026-03-01T10:00:01.000Z',
      '2026-03-01T10:00:02.000Z',
      '2026-03-01T10:00:03.000Z',
    ]);
    await app.close();
    await jest.advanceTimersByTimeAsync(3000);
    expect(ticks).toHaveLength(3);
  });

  it('reads the expression in the time zone given', async () => {
    @Injectable()
    class Jobs {
      @Cron('0 0 9 * * *', { name: 'morning', timeZone: 'Asia/Tokyo' })
      morning() {}
    }
    const app = await boot([Jobs]);
    // 09:00 in Tokyo is 00:00 UTC: the next one after 10:00 UTC is the next day's.
    expect(app.get(SchedulerRegistry).getJob('morning').nextRun).toEqual(
      new Date('2026-03-02T00:00:00.000Z'),
    );
    await app.close();
  });

  it('runs an interval every ms from start and a timeout once', async () => {
    const runs: string[] = [];
    @Injectable()
    class Jobs {
      @Interval(400)
      poll() {
        runs.push(`poll ${Date.now() - START.getTime()}`);
      }
      @Timeout(1000)
      warmUp() {
        runs.push(`warm ${Date.now() - START.getTime()}`);
      }
    }
    const app = await boot([Jobs]);
    await jest.advanceTimersByTimeAsync(2000);
    expect(runs).toEqual(['poll 400', 'poll 800', 'warm 1000', 'poll 1200', 'poll 1600', 'poll 2000']);
    const registry = app.get(SchedulerRegistry);
    expect(registry.getIntervals()).toEqual(['Jobs.poll']);
    expect(registry.getTimeouts()).toEqual(['Jobs.warmUp']);
    expect(registry.getJob('Jobs.warmUp').active).toBe(false);
    await app.close();
  });

  it('lists, stops, starts, adds and deletes jobs through SchedulerRegistry', async () => {
    let count = 0;
    @Injectable()
    class Jobs {
      @Cron('* * * * * *', { name: 'counter' })
      tick() {
        count++;
      }
      @Interval(1000, { name: 'off', disabled: true })
      off() {
        count += 100;
      }
    }
    const app = await boot([Jobs]);
    const registry = app.get(SchedulerRegistry);
    expect(registry.getJobs().map((j) => [j.name, j.kind, j.description, j.active])).toEqual([
      ['counter', 'cron', '* * * * * *', true],
      ['off', 'interval', 'every 1000 ms', false],
    ]);
    expect([...registry.getCronJobs().keys()]).toEqual(['counter']);
    await jest.advanceTimersByTimeAsync(2000);
    expect(count).toBe(2);
    registry.getCronJob('counter').stop();
    expect(registry.getJob('counter').nextRun).toBeUndefined();
    await jest.advanceTimersByTimeAsync(2000);
    expect(count).toBe(2);
    registry.getJob('counter').start();
    await jest.advanceTimersByTimeAsync(1000);
    expect(count).toBe(3);

    const added: string[] = [];
    registry.addCronJob('added', '*/2 * * * * *', (run) => void added.push(run.tick.toISOString()));
    expect(registry.doesExist('added')).toBe(true);
    await jest.advanceTimersByTimeAsync(2000);
    expect(added).toEqual(['2026-03-01T10:00:06.000Z']);
    registry.deleteJob('added');
    expect(registry.doesExist('added')).toBe(false);
    await jest.advanceTimersByTimeAsync(4000);
    expect(added).toHaveLength(1);
    await app.close();
  });

  it('skips a tick on this instance while the previous run still goes on', async () => {
    const started: number[] = [];
    let release!: () => void;
    @Injectable()
    class Jobs {
      @Cron('* * * * * *')
      slow() {
        started.push(Date.now());
        return new Promise<void>((resolve) => (release = resolve));
      }
    }
    const app = await boot([Jobs]);
    await jest.advanceTimersByTimeAsync(3000);
    expect(started).toHaveLength(1);
    expect(app.get(SchedulerRegistry).getJob('Jobs.slow').running).toBe(true);
    release();
    await jest.advanceTimersByTimeAsync(1000);
    expect(started).toHaveLength(2);
    release();
    await app.close();
  });

  it('runs each tick on one of three instances sharing a lock', async () => {
    const lock = new MemoryLock();
    const ran: Array<{ tick: string; instance: string }> = [];
    @Injectable()
    class Jobs {
      @Cron('* * * * * *', { name: 'shared' })
      shared(run: JobContext) {
        ran.push({ tick: run.tick.toISOString(), instance: run.instanceId });
      }
    }
    const apps = await Promise.all(['a', 'b', 'c'].map((instanceId) => boot([Jobs], { lock, instanceId })));
    await jest.advanceTimersByTimeAsync(10_000);
    expect(ran).toHaveLength(10);
    expect(new Set(ran.map((r) => r.tick)).size).toBe(10);
    expect(lock.claims).toBe(30);
    const details = await apps[1]!.get(SchedulingHealthIndicator).check();
    expect(details).toEqual({
      status: 'up',
      details: {
        lock: 'memory',
        instance: 'b',
        jobs: {
          shared: {
            schedule: '* * * * * *',
            locked: true,
            active: true,
            running: false,
            nextRun: '2026-03-01T10:00:11.000Z',
            lastRun: {
              tick: '2026-03-01T10:00:10.000Z',
              holder: ran[9]!.instance,
              startedAt: '2026-03-01T10:00:10.000Z',
              finishedAt: '2026-03-01T10:00:10.000Z',
              outcome: 'succeeded',
            },
          },
        },
      },
    });
    await Promise.all(apps.map((app) => app.close()));
  });

  it('aligns locked intervals on the clock so that instances agree on the ticks', async () => {
    const lock = new MemoryLock();
    const ran: number[] = [];
    @Injectable()
    class Jobs {
      @Interval(1000, { name: 'aligned' })
      aligned(run: JobContext) {
        ran.push(run.tick.getTime() - START.getTime());
      }
    }
    const first = await boot([Jobs], { lock, instanceId: 'a' });
    await jest.advanceTimersByTimeAsync(300);
    const second = await boot([Jobs], { lock, instanceId: 'b' });
    await jest.advanceTimersByTimeAsync(2000);
    expect(ran).toEqual([500, 1500]);
    await Promise.all([first.close(), second.close()]);
  });

  it("catchUp: 'once' runs the latest missed tick once at start, and 'skip' does not", async () => {
    const lock = new MemoryLock();
    // The last run any instance made was two days ago.
    await lock.claim('hourly', new Date('2026-02-27T10:00:00.000Z'), 'old');
    await lock.claim('hourly-skip', new Date('2026-02-27T10:00:00.000Z'), 'old');
    const ran: Array<{ name: string; tick: string; catchUp: boolean }> = [];
    @Injectable()
    class Jobs {
      @Cron('0 0 * * * *', { name: 'hourly', catchUp: 'once' })
      hourly(run: JobContext) {
        ran.push({ name: run.name, tick: run.tick.toISOString(), catchUp: run.catchUp });
      }
      @Cron('0 0 * * * *', { name: 'hourly-skip' })
      skipped(run: JobContext) {
        ran.push({ name: run.name, tick: run.tick.toISOString(), catchUp: run.catchUp });
      }
    }
    const apps = await Promise.all(['a', 'b'].map((instanceId) => boot([Jobs], { lock, instanceId })));
    await jest.advanceTimersByTimeAsync(10);
    expect(ran).toEqual([{ name: 'hourly', tick: '2026-03-01T10:00:00.000Z', catchUp: true }]);
    // A restart after that finds nothing missed.
    const third = await boot([Jobs], { lock, instanceId: 'c' });
    await jest.advanceTimersByTimeAsync(10);
    expect(ran).toHaveLength(1);
    await Promise.all([...apps, third].map((app) => app.close()));
  });

  it('records a failing run as failed and keeps the schedule', async () => {
    const lock = new MemoryLock();
    let calls = 0;
    @Injectable()
    class Jobs {
      @Cron('* * * * * *', { name: 'flaky' })
      flaky() {
        calls++;
        throw new Error('boom');
      }
    }
    const app = await boot([Jobs], { lock });
    await jest.advanceTimersByTimeAsync(2000);
    expect(calls).toBe(2);
    expect((await lock.lastRun('flaky'))?.outcome).toBe('failed');
    expect(app.get(SchedulerRegistry).getJob('flaky').lastRun?.outcome).toBe('failed');
    await app.close();
  });
});

describe('scheduler shutdown', () => {
  it('stops timers first and waits for a running job before modules are destroyed', async () => {
    const events: string[] = [];
    @Injectable()
    class Jobs {
      @Timeout(0)
      async slow() {
        events.push('started');
        await new Promise((resolve) => setTimeout(resolve, 300));
        events.push('finished');
      }
      onModuleDestroy() {
        events.push('destroyed');
      }
    }
    const app = await boot([Jobs]);
    await new Promise((resolve) => setTimeout(resolve, 50));
    await app.close();
    expect(events).toEqual(['started', 'finished', 'destroyed']);
  });

  it('gives up on a job that outlives shutdownTimeout', async () => {
    @Injectable()
    class Jobs {
      @Timeout(0)
      hang() {
        return new Promise(() => undefined);
      }
    }
    const app = await boot([Jobs], { shutdownTimeout: 200 });
    await new Promise((resolve) => setTimeout(resolve, 50));
    const registry = app.get(SchedulerRegistry);
    expect(registry.getJob('Jobs.hang').running).toBe(true);
    const started = Date.now();
    await app.close();
    expect(Date.now() - started).toBeLessThan(5000);
    expect(registry.getJob('Jobs.hang').running).toBe(true);
  });

  it('runs a request-scoped provider in a scope of its own per run', async () => {
    const instances = new Set<object>();
    @Injectable({ scope: Scope.REQUEST })
    class Scoped {
      @Interval(60_000, { name: 'scoped' })
      run() {
        instances.add(this);
      }
    }
    const app = await boot([Scoped]);
    const job = app.get(SchedulerRegistry).getJob('scoped');
    await job.trigger();
    await job.trigger();
    expect(instances.size).toBe(2);
    await app.close();
  });
});
