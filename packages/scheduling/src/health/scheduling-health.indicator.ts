import { Inject, Injectable } from '@tenon/core';
import { SchedulerRegistry } from '../runtime/scheduler-registry';
import { leaseDetails } from '../runtime/scheduled-job';

/** What a health check reports (the shape @tenon/http's HealthModule reads; no import of it). */
export interface SchedulingHealthResult {
  status: 'up' | 'down';
  details: Record<string, unknown>;
}

/**
 * The jobs and their leases: for each job its schedule, whether it is active or running here,
 * the next tick, and the last run on any instance (tick, holder, start, end, outcome) as the
 * lock backend records it. Down when the lock backend does not answer. Give it to
 * `HealthModule.forRoot({ indicators: [SchedulingHealthIndicator] })`.
 *
 * @example
 * const { details } = await app.get(SchedulingHealthIndicator).check();
 * // { lock: 'database', instance: 'api-1:42:a1b2c3', jobs: { 'nightly-report': { schedule: '0 0 3 * * *',
 * //   active: true, running: false, nextRun: '…', lastRun: { tick: '…', holder: 'api-2:40:…', outcome: 'succeeded', … } } } }
 */
@Injectable()
export class SchedulingHealthIndicator {
  readonly name = 'scheduling';

  constructor(@Inject(SchedulerRegistry) private readonly registry: SchedulerRegistry) {}

  async check(): Promise<SchedulingHealthResult> {
    const base = { lock: this.registry.lock?.kind ?? 'none', instance: this.registry.instanceId };
    try {
      const leases = await this.registry.leases();
      const jobs: Record<string, unknown> = {};
      for (const job of this.registry.getJobs()) {
        jobs[job.name] = {
          schedule: job.description,
          locked: job.locked,
          active: job.active,
          running: job.running,
          ...(job.nextRun ? { nextRun: job.nextRun.toISOString() } : {}),
          ...(leases.get(job.name) ? { lastRun: leaseDetails(leases.get(job.name)) } : {}),
        };
      }
      return { status: 'up', details: { ...base, jobs } };
    } catch (error) {
      return {
        status: 'down',
        details: { ...base, error: error instanceof Error ? error.message : String(error) },
      };
    }
  }
}
