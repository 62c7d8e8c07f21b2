import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { Queue, QueueEvents } from 'bullmq';
import Redis from 'ioredis';
import { redisUrl, skipNote } from '../fixtures/servers';

/*
 * The take-over the README promises: a job in flight when its worker process dies (SIGKILL, no
 * chance to close) is returned to the queue by BullMQ's stalled-job check once its lock expires,
 * taken by another worker process, and completed once. Both workers are child processes, so
 * nothing of BullMQ stays busy in the jest process.
 */

jest.setTimeout(60_000);

interface Child {
  readonly child: ChildProcess;
  readonly lines: string[];
  waitFor(text: string, timeoutMs?: number): Promise<void>;
  readonly exited: Promise<NodeJS.Signals | null>;
}

function startWorker(env: Record<string, string>): Child {
  const child = spawn(process.execPath, [join(__dirname, 'queue-worker.js')], {
    env: { ...process.env, NODE_OPTIONS: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => lines.push(...chunk.toString().split('\n').filter(Boolean)));
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return {
    child,
    lines,
    exited: new Promise((resolve) => child.on('exit', (_code, signal) => resolve(signal))),
    async waitFor(text, timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs;
      while (!lines.some((l) => l.startsWith(text))) {
        if (child.exitCode !== null) throw new Error(`worker exited: ${stderr}`);
        if (Date.now() > deadline)
          throw new Error(`no '${text}' within ${timeoutMs} ms (${lines.join(' | ')}) ${stderr}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
  };
}

(redisUrl ? describe : describe.skip)(
  `BullMQ: a worker killed with a job in flight${skipNote(['TENON_TEST_REDIS_URL', redisUrl])}`,
  () => {
    const children: Child[] = [];
    let queue: Queue | undefined;
    let events: QueueEvents | undefined;
    let prefix: string;

    afterEach(async () => {
      for (const { child } of children.splice(0))
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await events?.close();
      await queue?.obliterate({ force: true }).catch(() => undefined);
      await queue?.close();
      const redis = new Redis(redisUrl!);
      const keys = await redis.keys(`${prefix}:*`);
      if (keys.length) await redis.del(...keys);
      redis.disconnect();
    });

    it('is taken over by another worker after the stalled interval and completes once', async () => {
      prefix = `tenon-test-takeover-${randomUUID()}`;
      const env = { REDIS_URL: redisUrl!, PREFIX: prefix };
      const first = startWorker({ ...env, NAME: 'first', HANG: '1' });
      children.push(first);
      await first.waitFor('ready');
      queue = new Queue('work', { connection: { url: redisUrl! } as never, prefix });
      events = new QueueEvents('work', { connection: { url: redisUrl! } as never, prefix });
      await events.waitUntilReady();
      const stalled: string[] = [];
      events.on('stalled', ({ jobId }) => stalled.push(jobId));
      const job = await queue.add('slow', { n: 1 });
      await first.waitFor(`started ${job.id} first`);

      first.child.kill('SIGKILL');
      expect(await first.exited).toBe('SIGKILL');
      const second = startWorker({ ...env, NAME: 'second' });
      children.push(second);
      await second.waitFor(`finished ${job.id} second`, 30_000);

      const done = await queue.getJob(job.id!);
      expect(await done!.getState()).toBe('completed');
      expect(done!.returnvalue).toBe('done by second');
      expect(stalled).toEqual([job.id]);
      // Once: nothing runs it a third time, and the first worker never finished it.
      await new Promise((r) => setTimeout(r, 3000));
      expect(second.lines.filter((l) => l.startsWith(`started ${job.id}`))).toHaveLength(1);
      expect(first.lines.filter((l) => l.startsWith('finished'))).toEqual([]);
      expect(await queue.getJobCounts('completed', 'active', 'wait', 'failed')).toEqual({
        completed: 1,
        active: 0,
        wait: 0,
        failed: 0,
      });
    });
  },
);
