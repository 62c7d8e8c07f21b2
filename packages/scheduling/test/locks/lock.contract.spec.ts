import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { ApplicationContext, Module } from '@tenon/core';
import { DataModule } from '@tenon/data';
import { databaseLock, redisLock, type ScheduleLock } from '@tenon/scheduling';
import { dropRunDatabase, postgresUrl, query, redisUrl, runDatabase, skipNote } from '../fixtures/servers';

/** N locks that share one backend, as N instances of an application do. */
interface Opened {
  readonly locks: ScheduleLock[];
  close(): Promise<void>;
  /** Ends the backend's server-side connections of every lock (PostgreSQL only). */
  dropConnections?(): Promise<void>;
}

interface Target {
  readonly name: string;
  readonly skip: string;
  open(count: number): Promise<Opened>;
}

async function dataApp(url: string): Promise<ApplicationContext> {
  @Module({ imports: [DataModule.forRoot({ url })] })
  class App {}
  return ApplicationContext.create(App, { logger: false });
}

// Boots whole applications (PGlite, pools, Redis clients): room for a loaded machine.
jest.setTimeout(30_000);

const targets: Target[] = [
  {
    name: 'PGlite',
    skip: '',
    // One embedded database per process: the locks share its Database, as one instance's jobs do.
    async open(count) {
      const app = await dataApp('pglite://memory');
      const locks = await Promise.all(Array.from({ length: count }, () => databaseLock().open(app)));
      return { locks, close: () => app.close() };
    },
  },
  {
    name: 'PostgreSQL',
    skip: skipNote(['TENON_TEST_POSTGRES_URL', postgresUrl]),
    async open(count) {
      const url = await runDatabase('locks');
      // Each lock on its own application (its own pool), booted together: the table is
      // created by several instances at once.
      const apps = await Promise.all(Array.from({ length: count }, () => dataApp(url)));
      const locks = await Promise.all(apps.map((app) => databaseLock().open(app)));
      return {
        locks,
        close: async () => {
          await Promise.all(apps.map((app) => app.close()));
          await dropRunDatabase(url);
        },
        dropConnections: async () =>
          void (await query(
            url,
            'select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()',
          )),
      };
    },
  },
  {
    name: 'Redis',
    skip: skipNote(['TENON_TEST_REDIS_URL', redisUrl]),
    async open(count) {
      const prefix = `tenon:test:schedule:${randomUUID()}`;
      @Module({})
      class Empty {}
      const app = await ApplicationContext.create(Empty, { logger: false });
      const locks = await Promise.all(
        Array.from({ length: count }, () => redisLock({ url: redisUrl!, prefix }).open(app)),
      );
      return {
        locks,
        close: async () => {
          await Promise.all(locks.map((lock) => lock.close()));
          await app.close();
        },
      };
    },
  },
];

const tick = (s: number) => new Date(Date.UTC(2026, 2, 1, 10, 0, s));

describe.each(targets)('lock contract on $name', (target) => {
  const suite = target.skip ? describe.skip : describe;
  suite(`leases${target.skip}`, () => {
    let opened: Opened;
    beforeEach(async () => (opened = await target.open(3)));
    afterEach(() => opened.close());

    it('gives a tick to the first claim only, and each tick once', async () => {
      const [a, b] = opened.locks as [ScheduleLock, ScheduleLock];
      expect(await a.claim('job', tick(1), 'a')).toBe(true);
      expect(await b.claim('job', tick(1), 'b')).toBe(false);
      expect(await a.claim('job', tick(1), 'a')).toBe(false);
      expect(await b.claim('job', tick(2), 'b')).toBe(true);
      expect(await a.claim('other', tick(1), 'a')).toBe(true);
    });

    it('gives a tick claimed by three instances at once to exactly one', async () => {
      for (let s = 0; s < 20; s++) {
        const won = await Promise.all(opened.locks.map((lock, i) => lock.claim('race', tick(s), `i${i}`)));
        expect(won.filter(Boolean)).toHaveLength(1);
      }
    });

    it('shows the latest run with its holder and outcome', async () => {
      const [a, b] = opened.locks as [ScheduleLock, ScheduleLock];
      expect(await a.lastRun('report')).toBeUndefined();
      await a.claim('report', tick(1), 'a');
      await b.claim('report', tick(2), 'b');
      const running = await a.lastRun('report');
      expect(running).toMatchObject({ job: 'report', tick: tick(2), holder: 'b' });
      expect(running?.finishedAt).toBeUndefined();
      await a.complete('report', tick(2), 'a', 'succeeded'); // not a's lease: ignored
      expect((await a.lastRun('report'))?.outcome).toBeUndefined();
      await b.complete('report', tick(2), 'b', 'failed');
      const done = await a.lastRun('report');
      expect(done).toMatchObject({ holder: 'b', outcome: 'failed' });
      expect(done!.finishedAt!.getTime()).toBeGreaterThanOrEqual(done!.startedAt.getTime());
      // An older tick claimed late does not hide the newer one.
      await a.claim('report', tick(0), 'a');
      expect((await b.lastRun('report'))?.tick).toEqual(tick(2));
    });

    if (target.name === 'PostgreSQL') {
      it('keeps a lease when its connections drop, and claims again after the pool reconnects', async () => {
        const [a, b] = opened.locks as [ScheduleLock, ScheduleLock];
        expect(await a.claim('drop', tick(1), 'a')).toBe(true);
        await opened.dropConnections!();
        // The row outlived the session that wrote it (an advisory lock would have gone with it).
        expect(await b.claim('drop', tick(1), 'b').catch(() => b.claim('drop', tick(1), 'b'))).toBe(false);
        expect(await a.claim('drop', tick(2), 'a').catch(() => a.claim('drop', tick(2), 'a'))).toBe(true);
      });
    }
  });
});
