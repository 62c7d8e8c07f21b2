import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { ApplicationContext, Injectable, Module, type Type } from '@tenon/core';
import type { Job, Queue } from 'bullmq';
import {
  InjectQueue,
  Process,
  Processor,
  QueueModule,
  QueuesHealthIndicator,
  SchedulingErrorCode,
  getQueueToken,
  type QueueModuleOptions,
} from '@tenon/scheduling';
import { redisUrl, skipNote } from '../fixtures/servers';

// Boots whole applications (PGlite, pools, Redis clients): room for a loaded machine.
jest.setTimeout(30_000);

const suite = redisUrl ? describe : describe.skip;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until<T>(
  what: string,
  probe: () => Promise<T | undefined> | T | undefined,
  ms = 10_000,
): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

suite(`queued jobs on BullMQ${skipNote(['TENON_TEST_REDIS_URL', redisUrl])}`, () => {
  // Each test has its own key prefix: queues of earlier runs never leak in.
  let prefix: string;
  const apps: ApplicationContext[] = [];
  beforeEach(() => (prefix = `tenon-test-${randomUUID()}`));
  afterEach(async () => {
    await Promise.all(apps.splice(0).map((app) => app.close()));
  });

  async function boot(
    providers: Type[],
    options: Partial<QueueModuleOptions> = {},
  ): Promise<ApplicationContext> {
    @Module({
      imports: [
        QueueModule.forRoot({ connection: redisUrl!, prefix, ...options }),
        QueueModule.registerQueue({ name: 'work' }),
      ],
      providers,
    })
    class App {}
    const app = await ApplicationContext.create(App, { logger: false });
    apps.push(app);
    return app;
  }

  it('processes jobs added through @InjectQueue by the @Process method of their name', async () => {
    const seen: string[] = [];
    @Processor('work')
    class WorkProcessor {
      @Process('double')
      double(job: Job<{ n: number }>) {
        seen.push(`double ${job.data.n}`);
        return job.data.n * 2;
      }
      @Process()
      other(job: Job) {
        seen.push(`other ${job.name}`);
        return 'ok';
      }
    }
    @Injectable()
    class Producer {
      constructor(@InjectQueue('work') readonly queue: Queue) {}
    }
    const app = await boot([WorkProcessor, Producer]);
    const queue = app.get(Producer).queue;
    expect(queue).toBe(app.get(getQueueToken('work')));
    const a = await queue.add('double', { n: 21 });
    const b = await queue.add('misc', {});
    const results = await until('both jobs', async () => {
      const [ja, jb] = await Promise.all([queue.getJob(a.id!), queue.getJob(b.id!)]);
      return ja?.finishedOn && jb?.finishedOn ? [ja.returnvalue, jb.returnvalue] : undefined;
    });
    expect(results).toEqual([42, 'ok']);
    expect(seen.sort()).toEqual(['double 21', 'other misc']);
    const health = await app.get(QueuesHealthIndicator).check();
    expect(health).toMatchObject({
      status: 'up',
      details: { redis: 'ready', workers: { work: { running: true, failed: 0 } } },
    });
  });

  it('retries a failing job with the backoff of its options', async () => {
    const attempts: number[] = [];
    @Processor('work')
    class Flaky {
      @Process('flaky')
      run(job: Job) {
        attempts.push(Date.now());
        if (job.attemptsMade < 2) throw new Error(`attempt ${job.attemptsMade + 1} fails`);
        return 'third time';
      }
    }
    const app = await boot([Flaky]);
    const queue = app.get<Queue>(getQueueToken('work'));
    const added = await queue.add('flaky', {}, { attempts: 3, backoff: { type: 'fixed', delay: 300 } });
    const job = await until('the third attempt', async () => {
      const j = await queue.getJob(added.id!);
      return j?.finishedOn ? j : undefined;
    });
    expect(job.returnvalue).toBe('third time');
    expect(job.attemptsMade).toBe(3);
    expect(attempts).toHaveLength(3);
    expect(attempts[1]! - attempts[0]!).toBeGreaterThanOrEqual(290);
  });

  it('fails a job whose name has no handler with TENON_SCHEDULING_UNHANDLED_JOB', async () => {
    @Processor('work')
    class Named {
      @Process('known')
      known() {}
    }
    const app = await boot([Named]);
    const queue = app.get<Queue>(getQueueToken('work'));
    const added = await queue.add('unknown', {});
    const job = await until('the failure', async () => {
      const j = await queue.getJob(added.id!);
      return j?.failedReason ? j : undefined;
    });
    expect(job.failedReason).toContain(`The job 'unknown' of queue 'work' has no handler in Named.`);
    expect(SchedulingErrorCode.UNHANDLED_JOB).toBe('TENON_SCHEDULING_UNHANDLED_JOB');
  });

  it('runs up to `concurrency` jobs at once', async () => {
    let active = 0;
    let most = 0;
    @Processor('work', { concurrency: 3 })
    class Parallel {
      @Process()
      async run() {
        most = Math.max(most, ++active);
        await sleep(200);
        active--;
      }
    }
    const app = await boot([Parallel]);
    const queue = app.get<Queue>(getQueueToken('work'));
    await queue.addBulk(Array.from({ length: 9 }, (_, i) => ({ name: `j${i}`, data: {} })));
    await until('nine jobs', async () =>
      (await queue.getJobCounts('completed')).completed === 9 ? true : undefined,
    );
    expect(most).toBe(3);
  });

  it('finishes jobs in progress at shutdown before closing', async () => {
    const events: string[] = [];
    @Processor('work')
    class Slow {
      @Process()
      async run() {
        events.push('started');
        await sleep(500);
        events.push('finished');
        return 'done';
      }
    }
    const app = await boot([Slow]);
    const queue = app.get<Queue>(getQueueToken('work'));
    const added = await queue.add('slow', {});
    await until('the start', () => (events.length ? true : undefined));
    // A producer of its own, so that the job can be read after the application closed.
    const reader = await boot([]);
    apps.splice(apps.indexOf(app), 1);
    await app.close();
    expect(events).toEqual(['started', 'finished']);
    const job = await reader.get<Queue>(getQueueToken('work')).getJob(added.id!);
    expect(job?.returnvalue).toBe('done');
  });
});
