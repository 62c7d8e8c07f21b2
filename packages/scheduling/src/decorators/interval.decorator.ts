import { SCHEDULED_JOB } from '../metadata/metadata-keys';
import type { JobMetadata, JobOptions } from '../metadata/job-metadata';

/**
 * Runs the method every `ms` milliseconds. With a lock, ticks are aligned on the clock
 * (multiples of `ms` since the epoch) so that every instance agrees on them and one runs each.
 *
 * @example
 * @Interval(10_000, { name: 'refresh-rates' })
 * async refresh() { await this.rates.reload(); }
 */
export function Interval(ms: number, options: JobOptions = {}): MethodDecorator {
  return (target, key) => {
    const metadata: JobMetadata = { kind: 'interval', ms, options };
    Reflect.defineMetadata(SCHEDULED_JOB, metadata, target, key);
  };
}
