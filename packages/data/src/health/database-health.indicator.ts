import { Inject, Injectable } from '@tenon/core';
import { Database } from '../connection/database';

/**
 * The result of a health check. The HTTP package's health endpoint reads this shape (it does
 * not import this package): `status` decides readiness, `details` is shown as is.
 */
export interface HealthCheckResult {
  status: 'up' | 'down';
  details: Record<string, unknown>;
}

/**
 * Pings the database (`select 1`) with a time limit. Provided and exported by
 * `DataModule.forRoot`, so a health module can inject it.
 *
 * @example
 * const result = await app.get(DatabaseHealthIndicator).check();
 * // { status: 'up', details: { dialect: 'postgres', database: 'postgres at db:5432', latencyMs: 1 } }
 */
@Injectable()
export class DatabaseHealthIndicator {
  /** The name under which health endpoints list this indicator. */
  readonly name = 'database';

  /** How long a ping may take before the database counts as down. */
  timeoutMs = 2000;

  constructor(@Inject(Database) private readonly database: Database) {}

  async check(): Promise<HealthCheckResult> {
    const started = performance.now();
    const base = { dialect: this.database.capabilities.dialect, database: this.database.description };
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        this.database.ping(),
        new Promise((_, reject) => {
          timer = setTimeout(
            () => reject(new Error(`no answer within ${this.timeoutMs} ms`)),
            this.timeoutMs,
          );
        }),
      ]);
      return { status: 'up', details: { ...base, latencyMs: Math.round(performance.now() - started) } };
    } catch (error) {
      return {
        status: 'down',
        details: { ...base, error: error instanceof Error ? error.message : String(error) },
      };
    } finally {
      clearTimeout(timer);
    }
  }
}
