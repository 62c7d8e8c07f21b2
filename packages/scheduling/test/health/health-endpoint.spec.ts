import 'reflect-metadata';
import { Injectable, Module } from '@tenon/core';
import { DataModule, Database, sql } from '@tenon/data';
import { HealthModule, HttpApplication } from '@tenon/http';
import {
  Cron,
  LEASE_TABLE,
  ScheduleModule,
  SchedulerRegistry,
  SchedulingHealthIndicator,
  databaseLock,
} from '@tenon/scheduling';

jest.setTimeout(30_000);

@Injectable()
class Jobs {
  @Cron('* * * * * *', { name: 'tick' })
  tick() {}
}

@Module({
  imports: [
    DataModule.forRoot({ url: 'pglite://memory' }),
    ScheduleModule.forRoot({ lock: databaseLock(), instanceId: 'api-1' }),
    HealthModule.forRoot({ indicators: [SchedulingHealthIndicator] }),
  ],
  providers: [Jobs],
})
class AppModule {}

describe('the lease in /health/ready', () => {
  it("shows each job's schedule, next tick and the lease of its last run", async () => {
    const app = await HttpApplication.create(AppModule, { logger: false });
    try {
      const registry = app.get(SchedulerRegistry);
      const deadline = Date.now() + 10_000;
      while (!(await registry.leases()).get('tick')?.finishedAt && Date.now() < deadline)
        await new Promise((resolve) => setTimeout(resolve, 100));
      const res = await app.inject({ method: 'GET', url: '/health/ready' });
      expect(res.statusCode).toBe(200);
      const scheduling = res.json().checks.scheduling;
      expect(scheduling).toMatchObject({
        status: 'up',
        details: {
          lock: 'database',
          instance: 'api-1',
          jobs: {
            tick: {
              schedule: '* * * * * *',
              locked: true,
              active: true,
              nextRun: expect.any(String),
              lastRun: { holder: 'api-1', outcome: 'succeeded', tick: expect.any(String) },
            },
          },
        },
      });
      // The same lease as the row in the database.
      const { tick } = scheduling.details.jobs.tick.lastRun as { tick: string };
      const rows = await sql<{
        holder: string;
      }>`select holder from ${sql.table(LEASE_TABLE)} where job = 'tick' and tick = ${tick}`.execute(
        app.get(Database).kysely,
      );
      expect(rows.rows).toEqual([{ holder: 'api-1' }]);
    } finally {
      await app.close();
    }
  });
});
