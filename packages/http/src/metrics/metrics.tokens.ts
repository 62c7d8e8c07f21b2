import { InjectionToken } from '@tenon/core';

/** Options of `MetricsModule.forRoot()`. */
export interface MetricsModuleOptions {
  /** Collect prom-client's process metrics (CPU, memory, event loop lag, GC) (default true). */
  defaultMetrics?: boolean;
  /** Prefix of every metric name (default none). */
  prefix?: string;
  /** Latency histogram buckets, in seconds. */
  buckets?: number[];
}

export const METRICS_OPTIONS = new InjectionToken<MetricsModuleOptions>('METRICS_OPTIONS');
