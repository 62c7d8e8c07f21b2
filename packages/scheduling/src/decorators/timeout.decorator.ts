import { SCHEDULED_JOB } from '../metadata/metadata-keys';
import type { JobMetadata, TimeoutOptions } from '../metadata/job-metadata';

/**
 * Runs the method once, `ms` milliseconds after the application started, on every instance (a
 * start-up task of that instance; no lock).
 *
 * @example
 * @Timeout(5_000)
 * async warmUp() { await this.cache.fill(); }
 */
export function Timeout(ms: number, options: TimeoutOptions = {}): MethodDecorator {
  return (target, key) => {
    const metadata: JobMetadata = { kind: 'timeout', ms, options };
    Reflect.defineMetadata(SCHEDULED_JOB, metadata, target, key);
  };
}
