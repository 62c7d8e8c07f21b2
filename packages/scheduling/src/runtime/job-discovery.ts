import type { ApplicationContext, DiscoveredClass, DiscoveryService } from '@tenon/core';
import { DuplicateJobNameError } from '../errors/duplicate-job-name.error';
import type { JobMetadata } from '../metadata/job-metadata';
import { SCHEDULED_JOB } from '../metadata/metadata-keys';
import { buildJob } from './build-job';
import type { JobContext } from './job-context';
import type { JobDefinition } from './job-definition';

type Callable = Record<string, (...args: unknown[]) => unknown>;

/**
 * Calls the method on the singleton, or, for request-scoped and transient providers, on an
 * instance resolved in a request scope of its own per run.
 */
function invoker(
  app: ApplicationContext,
  owner: DiscoveredClass,
  methodName: string,
): (context: JobContext) => Promise<unknown> {
  const singleton = owner.instance as Callable | undefined;
  if (singleton) return async (context) => singleton[methodName]!(context);
  return (context) =>
    app.runInRequestScope(async () => {
      const instance = (await app.resolve(owner.token)) as Callable;
      return instance[methodName]!(context);
    });
}

/** Every `@Cron` / `@Interval` / `@Timeout` method of the application, checked. */
export function discoverJobs(
  discovery: DiscoveryService,
  app: ApplicationContext,
  hasLock: boolean,
): JobDefinition[] {
  const jobs: JobDefinition[] = [];
  const seen = new Map<unknown, Set<string>>();
  for (const { owner, methodName, metadata } of discovery.methodsWithMetadata<JobMetadata>(SCHEDULED_JOB)) {
    // A class provided in two modules (or under two tokens) is one job, not two.
    const identity = owner.instance ?? owner.metatype ?? owner.token;
    const methods = seen.get(identity) ?? new Set<string>();
    if (methods.has(methodName)) continue;
    seen.set(identity, methods.add(methodName));
    const label = `${owner.metatype?.name ?? owner.name}.${methodName}`;
    jobs.push(buildJob(label, label, metadata, invoker(app, owner, methodName), hasLock));
  }
  assertUniqueNames(jobs);
  return jobs;
}

/** Throws `TENON_SCHEDULING_DUPLICATE_JOB_NAME` for the first name two jobs share. */
export function assertUniqueNames(jobs: readonly Pick<JobDefinition, 'name' | 'label'>[]): void {
  const byName = new Map<string, string>();
  for (const job of jobs) {
    const first = byName.get(job.name);
    if (first !== undefined) throw new DuplicateJobNameError(job.name, first, job.label);
    byName.set(job.name, job.label);
  }
}
