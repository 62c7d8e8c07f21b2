import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { ApplicationContext, Inject, Injectable, Module } from '@tenon/core';
import { DataModule, Database, sql } from '@tenon/data';
import {
  Cron,
  LEASE_TABLE,
  ScheduleModule,
  databaseLock,
  redisLock,
  type JobContext,
  type ScheduleLockFactory,
} from '@tenon/scheduling';
import { dropRunDatabase, postgresUrl, query, redisUrl, runDatabase, skipNote } from '../fixtures/servers';

// The fault test: a cron every second on three instances for 30 s; each tick runs once.
// The three instances are three applications in this process, each with its own connections
// (pool or Redis client) and instance id; every run is written to a table.
const SECONDS = 30;

@Injectable()
class TickRecorder {
  constructor(@Inject(Database) private readonly database: Database) {}

  @Cron('* * * * * *', { name: 'fault-tick' })
  async record(run: JobContext): Promise<void> {
    await sql`insert into sched_fault_ticks (tick, holder) values (${run.tick.toISOString()}, ${run.instanceId})`.execute(
      this.database.kysely,
    );
  }
}

async function instance(url: string, lock: ScheduleLockFactory, id: string): Promise<ApplicationContext> {
  @Module({
    imports: [DataModule.forRoot({ url }), ScheduleModule.forRoot({ lock, instanceId: id })],
    providers: [TickRecorder],
  })
  class Instance {}
  return ApplicationContext.create(Instance, { logger: false });
}

const locks: Array<{ name: string; skip: string; lock: () => ScheduleLockFactory }> = [
  {
    name: 'PostgreSQL lease rows',
    skip: skipNote(['TENON_TEST_POSTGRES_URL', postgresUrl]),
    lock: () => databaseLock(),
  },
  {
    name: 'Redis lock',
    skip: skipNote(['TENON_TEST_POSTGRES_URL', postgresUrl], ['TENON_TEST_REDIS_URL', redisUrl]),
    lock: () => redisLock({ url: redisUrl!, prefix: `tenon:test:fault:${randomUUID()}` }),
  },
];

describe.each(locks)('a cron every second on three instances, $name', ({ name, skip, lock }) => {
  const run = skip ? it.skip : it;
  run(
    `runs each tick exactly once for ${SECONDS} s${skip}`,
    async () => {
      const url = await runDatabase('fault');
      try {
        await query(
          url,
          'create table sched_fault_ticks (id serial primary key, tick text not null, holder text not null)',
        );
        const shared = lock();
        const apps = await Promise.all(['i1', 'i2', 'i3'].map((id) => instance(url, shared, id)));
        await new Promise((resolve) => setTimeout(resolve, SECONDS * 1000));
        await Promise.all(apps.map((app) => app.close()));

        const rows = await query<{ tick: string; holder: string }>(
          url,
          'select tick, holder from sched_fault_ticks order by tick',
        );
        const ticks = [...new Set(rows.map((r) => r.tick))].map((t) => Date.parse(t));
        const gaps = ticks.slice(1).map((t, i) => t - ticks[i]!);
        const byHolder: Record<string, number> = {};
        for (const r of rows) byHolder[r.holder] = (byHolder[r.holder] ?? 0) + 1;
        console.log(
          `${name}: ${rows.length} runs, ${ticks.length} distinct ticks in ${SECONDS} s, ` +
            `largest gap ${Math.max(...gaps)} ms, gaps over 1 s: ${gaps.filter((g) => g > 1000).length}, by instance ${JSON.stringify(byHolder)}`,
        );

        // Each tick ran exactly once, and ticks follow each other without a hole of more than one.
        expect(rows.length).toBe(ticks.length);
        expect(ticks.length).toBeGreaterThanOrEqual(SECONDS - 2);
        expect(gaps.every((g) => g % 1000 === 0 && g >= 1000 && g <= 2000)).toBe(true);
        if (name.startsWith('PostgreSQL')) {
          // Every run has its lease row, held by the instance that ran it, finished as succeeded.
          const leases = await query<{ tick: string; holder: string; outcome: string }>(
            url,
            `select tick, holder, outcome from ${LEASE_TABLE} where job = 'fault-tick' order by tick`,
          );
          expect(leases.map((l) => [l.tick, l.holder])).toEqual(rows.map((r) => [r.tick, r.holder]));
          expect(leases.every((l) => l.outcome === 'succeeded')).toBe(true);
        }
      } finally {
        await dropRunDatabase(url);
      }
    },
    (SECONDS + 30) * 1000,
  );
});
