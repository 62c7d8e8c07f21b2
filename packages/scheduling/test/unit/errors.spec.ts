import 'reflect-metadata';
import { ApplicationContext, Injectable, Module, type Type } from '@tenon/core';
import {
  ClientLibraryMissingError,
  Cron,
  Interval,
  ScheduleModule,
  SchedulerRegistry,
  SchedulingErrorCode,
  Timeout,
  databaseLock,
  type ScheduleModuleOptions,
} from '@tenon/scheduling';
import { describeErrorCodesDocumented } from '../../../../test-support/error-codes-documented';

async function boot(providers: Type[], options: ScheduleModuleOptions = {}): Promise<ApplicationContext> {
  @Module({ imports: [ScheduleModule.forRoot(options)], providers })
  class App {}
  return ApplicationContext.create(App, { logger: false });
}

/** The error boot failed with (core wraps hook failures: the cause is ours). */
async function bootError(
  providers: Type[],
  options: ScheduleModuleOptions = {},
): Promise<{ code: string; message: string }> {
  const error = await boot(providers, options).then(
    () => {
      throw new Error('boot succeeded');
    },
    (e: unknown) => e as { code: string; message: string; cause?: unknown },
  );
  let found = error as { code: string; message: string; cause?: unknown };
  while (!found.code.startsWith('TENON_SCHEDULING_') && found.cause) found = found.cause as typeof found;
  return { code: found.code, message: found.message };
}

describeErrorCodesDocumented('@tenon/scheduling', SchedulingErrorCode);

describe('error codes and messages', () => {
  it('fails the boot on an invalid cron expression, naming the method and the expression', async () => {
    @Injectable()
    class ReportJobs {
      @Cron('61 * * * *')
      hourly() {}
    }
    expect(await bootError([ReportJobs])).toEqual({
      code: SchedulingErrorCode.INVALID_CRON,
      message:
        `ReportJobs.hourly has the cron expression "61 * * * *", which is not valid: CronPattern: Invalid value for minute: 61\n` +
        `  Cause: a cron expression has 5 fields (minute hour day-of-month month day-of-week), 6 with seconds first, or a nickname such as '@hourly'.\n` +
        `  Fix: correct the expression, e.g. '0 */5 * * * *' for every five minutes.`,
    });
  });

  it('rejects an expression with the wrong number of fields and an empty one', async () => {
    @Injectable()
    class Jobs {
      @Cron('every hour')
      a() {}
    }
    const { code, message } = await bootError([Jobs]);
    expect(code).toBe(SchedulingErrorCode.INVALID_CRON);
    expect(message).toContain(
      `Jobs.a has the cron expression "every hour", which is not valid: CronPattern: invalid configuration format ('every hour')`,
    );
    @Injectable()
    class Empty {
      @Cron('')
      a() {}
    }
    expect((await bootError([Empty])).message).toContain(
      'Empty.a has the cron expression "", which is not valid: expected a non-empty string',
    );
  });

  it('rejects an unknown time zone', async () => {
    @Injectable()
    class Jobs {
      @Cron('0 9 * * *', { timeZone: 'Europe/Berln' })
      morning() {}
    }
    expect(await bootError([Jobs])).toEqual({
      code: SchedulingErrorCode.INVALID_TIME_ZONE,
      message:
        `Jobs.morning has the time zone "Europe/Berln", which is not an IANA time zone this Node.js knows.\n` +
        `  Cause: the time zone decides when the cron expression's hours fall (and how it follows daylight saving time).\n` +
        `  Fix: use an IANA name such as 'Europe/Berlin', 'America/New_York' or 'UTC'.`,
    });
  });

  it.each([0, -5, 1.5, Number.NaN])('rejects @Interval(%p)', async (ms) => {
    @Injectable()
    class Jobs {
      @Interval(ms)
      poll() {}
    }
    expect(await bootError([Jobs])).toEqual({
      code: SchedulingErrorCode.INVALID_INTERVAL,
      message:
        `Jobs.poll has @Interval(${String(ms)}): the delay must be a positive integer of milliseconds.\n` +
        `  Cause: an interval runs the job again after whole milliseconds above zero; zero or less would run it without pause.\n` +
        `  Fix: give milliseconds, e.g. @Interval(5000) for five seconds, or use @Cron('*/5 * * * * *') for ticks on the clock.`,
    });
  });

  it('rejects a negative @Timeout and accepts @Timeout(0)', async () => {
    @Injectable()
    class Jobs {
      @Timeout(-1)
      later() {}
    }
    expect(await bootError([Jobs])).toEqual({
      code: SchedulingErrorCode.INVALID_INTERVAL,
      message:
        `Jobs.later has @Timeout(-1): the delay must be an integer >= 0 of milliseconds.\n` +
        `  Cause: a delay below zero or a fraction has no meaning for a timer.\n` +
        `  Fix: give milliseconds, e.g. @Timeout(5000) for five seconds.`,
    });
    @Injectable()
    class Now {
      @Timeout(0)
      now() {}
    }
    await (await boot([Now])).close();
  });

  it('rejects two jobs with one name, across classes', async () => {
    @Injectable()
    class Billing {
      @Cron('0 * * * *', { name: 'cleanup' })
      purge() {}
    }
    @Injectable()
    class Sessions {
      @Interval(1000, { name: 'cleanup' })
      expire() {}
    }
    expect(await bootError([Billing, Sessions])).toEqual({
      code: SchedulingErrorCode.DUPLICATE_JOB_NAME,
      message:
        `The job name 'cleanup' is used by Billing.purge and by Sessions.expire.\n` +
        `  Cause: a job's name keys its lease across instances and its entry in SchedulerRegistry, so two jobs under one name would take each other's ticks.\n` +
        `  Fix: give one of them another name (the default name is Class.method).`,
    });
  });

  it('rejects a run-time job under a name that is taken', async () => {
    @Injectable()
    class Jobs {
      @Interval(60_000, { name: 'sync' })
      sync() {}
    }
    const app = await boot([Jobs]);
    expect(() => app.get(SchedulerRegistry).addInterval('sync', 1000, () => undefined)).toThrow(
      expect.objectContaining({
        code: SchedulingErrorCode.DUPLICATE_JOB_NAME,
        message: expect.stringContaining(
          `The job name 'sync' is used by Jobs.sync and by SchedulerRegistry.addInterval('sync').`,
        ),
      }),
    );
    expect(() => app.get(SchedulerRegistry).addCronJob('x', '* * * * * * * *', () => undefined)).toThrow(
      expect.objectContaining({ code: SchedulingErrorCode.INVALID_CRON }),
    );
    await app.close();
  });

  it('fails the boot when databaseLock() has no DataModule', async () => {
    @Injectable()
    class Jobs {
      @Cron('0 * * * *')
      hourly() {}
    }
    expect(await bootError([Jobs], { lock: databaseLock() })).toEqual({
      code: SchedulingErrorCode.LOCK_BACKEND_MISSING,
      message:
        `ScheduleModule has lock: databaseLock(), and the application has no Database from @tenon/data.\n` +
        `  Cause: the database lock writes one lease row per job and tick in the application database, so that one instance runs each tick.\n` +
        `  Fix: import DataModule.forRoot({ url }) in the application (and install @tenon/data), or use lock: redisLock({ url }).`,
    });
  });

  it("fails the boot when catchUp: 'once' or lock: true have no lock to use", async () => {
    @Injectable()
    class Nightly {
      @Cron('0 3 * * *', { catchUp: 'once' })
      run() {}
    }
    expect(await bootError([Nightly])).toEqual({
      code: SchedulingErrorCode.LOCK_BACKEND_MISSING,
      message:
        `Nightly.run has catchUp: 'once' without a lock, and ScheduleModule.forRoot() has no lock.\n` +
        `  Cause: without a lock every instance runs every tick and no instance knows when the job last ran.\n` +
        `  Fix: give ScheduleModule.forRoot({ lock: databaseLock() }) or { lock: redisLock({ url }) }, or remove the job's option.`,
    });
    @Injectable()
    class Locked {
      @Interval(1000, { lock: true })
      run() {}
    }
    expect((await bootError([Locked])).message).toMatch(
      /^Locked\.run asks for \{ lock: true \}, and ScheduleModule\.forRoot\(\) has no lock\.\n/,
    );
  });

  it('names the known jobs when one is not found', async () => {
    @Injectable()
    class Jobs {
      @Interval(60_000)
      sync() {}
    }
    const app = await boot([Jobs]);
    expect(() => app.get(SchedulerRegistry).getJob('nightly')).toThrow(
      expect.objectContaining({
        code: SchedulingErrorCode.JOB_NOT_FOUND,
        message:
          `No scheduled job is named 'nightly'.\n` +
          `  Cause: the registry knows 'Jobs.sync'; a job without a name option is named Class.method.\n` +
          `  Fix: use one of those names, or give the decorator { name: 'nightly' }.`,
      }),
    );
    await app.close();
  });

  it('says which package to install when a client library is missing', () => {
    const error = new ClientLibraryMissingError('redisLock()', ['ioredis'], new Error('Cannot find module'));
    expect(error.code).toBe(SchedulingErrorCode.CLIENT_LIBRARY_MISSING);
    expect(error.message).toBe(
      `redisLock() needs ioredis, which could not be loaded.\n` +
        `  Cause: the Redis and queue client libraries are optional peer dependencies of @tenon/scheduling.\n` +
        `  Fix: npm install ioredis`,
    );
  });

  it('rejects module options of the wrong shape', () => {
    expect(() => ScheduleModule.forRoot({ shutdownTimeout: -1, lock: {} as never })).toThrow(
      /lock: expected databaseLock\(\) or redisLock\(\{ url \}\)[\s\S]*shutdownTimeout: expected an integer >= 0 of milliseconds, got -1/,
    );
  });
});
