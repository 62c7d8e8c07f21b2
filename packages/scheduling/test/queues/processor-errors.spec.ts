import 'reflect-metadata';
import { ApplicationContext, Module, type Type } from '@tenon/core';
import { Process, Processor, QueueModule, SchedulingErrorCode, UnhandledJobError } from '@tenon/scheduling';

/** Boot fails in discovery, before any connection is made: no Redis is needed here. */
async function bootError(providers: Type[]): Promise<{ code: string; message: string }> {
  @Module({ imports: [QueueModule.forRoot({ connection: 'redis://127.0.0.1:1' })], providers })
  class App {}
  const error = await ApplicationContext.create(App, { logger: false }).then(
    () => {
      throw new Error('boot succeeded');
    },
    (e: unknown) => e as { code: string; message: string; cause?: unknown },
  );
  let found = error as { code: string; message: string; cause?: unknown };
  while (!found.code.startsWith('TENON_SCHEDULING_') && found.cause) found = found.cause as typeof found;
  return { code: found.code, message: found.message };
}

const cause = `  Cause: a processor's worker takes jobs of its queue and calls the @Process method for each job's name.\n`;

describe('processor errors', () => {
  it('rejects a processor without a @Process method', async () => {
    @Processor('mail')
    class MailProcessor {
      send() {}
    }
    expect(await bootError([MailProcessor])).toEqual({
      code: SchedulingErrorCode.INVALID_PROCESSOR,
      message:
        `@Processor('mail') MailProcessor has no @Process method.\n` +
        cause +
        `  Fix: mark the method that processes the queue's jobs with @Process() (every name) or @Process('name').`,
    });
  });

  it('rejects two methods for one job name', async () => {
    @Processor('mail')
    class MailProcessor {
      @Process('welcome')
      a() {}
      @Process('welcome')
      b() {}
    }
    expect(await bootError([MailProcessor])).toEqual({
      code: SchedulingErrorCode.INVALID_PROCESSOR,
      message:
        `@Processor('mail') MailProcessor has two methods for the job 'welcome': a and b.\n` +
        cause +
        `  Fix: keep one @Process of each name in a processor.`,
    });
  });

  it.each([0, -1, 2.5])('rejects concurrency %p', async (concurrency) => {
    @Processor('mail', { concurrency })
    class MailProcessor {
      @Process()
      any() {}
    }
    expect(await bootError([MailProcessor])).toEqual({
      code: SchedulingErrorCode.INVALID_PROCESSOR,
      message:
        `@Processor('mail') MailProcessor has concurrency ${concurrency}.\n` +
        cause +
        `  Fix: give a whole number of jobs at once, 1 or more (the default is 1).`,
    });
  });

  it('names the known handlers of a job nobody takes', () => {
    const error = new UnhandledJobError('mail', 'welcom', 'MailProcessor', ['welcome', 'reset']);
    expect(error.code).toBe(SchedulingErrorCode.UNHANDLED_JOB);
    expect(error.message).toBe(
      `The job 'welcom' of queue 'mail' has no handler in MailProcessor.\n` +
        `  Cause: MailProcessor has @Process methods for 'welcome', 'reset' and none without a name.\n` +
        `  Fix: add @Process('welcom') to a method of MailProcessor, add a @Process() method for every other name, or add the job under a known name.`,
    );
  });

  it('rejects module options without a connection', () => {
    expect(() => QueueModule.forRoot({ connection: '' })).toThrow(
      /connection: expected a Redis URL such as 'redis:\/\/127\.0\.0\.1:6379' or ioredis options/,
    );
  });
});
