/** What a health indicator reports. */
export interface HealthCheckResult {
  status: 'up' | 'down';
  details?: Record<string, unknown>;
}

/**
 * Anything with a `check()`: a provider class (built with injection) or an object. Its `name`
 * property, or its class name without "HealthIndicator", names it in the report.
 *
 * @example
 * @Injectable()
 * export class CacheHealthIndicator implements HealthIndicator {
 *   constructor(private readonly cache: CacheClient) {}
 *   async check() { return (await this.cache.ping()) ? { status: 'up' } : { status: 'down', details: { reason: 'no pong' } }; }
 * }
 */
export interface HealthIndicator {
  readonly name?: string;
  check(): Promise<HealthCheckResult>;
}
