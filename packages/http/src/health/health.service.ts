import { Inject, Injectable, Optional } from '@tenon/core';
import { HttpErrorCode } from '../errors/errors';
import { ServiceUnavailableException } from '../exceptions/http-exceptions';
import { HTTP_STATE, type HttpState } from '../application/http-state';
import type { HealthCheckResult, HealthIndicator } from './health-indicator';
import { HEALTH_INDICATORS, HEALTH_OPTIONS, type HealthModuleOptions } from './health.tokens';

/** The readiness report. */
export interface HealthReport {
  status: 'up' | 'down';
  checks: Record<string, HealthCheckResult>;
}

function nameOf(indicator: HealthIndicator): string {
  if (typeof indicator.name === 'string' && indicator.name !== '') return indicator.name;
  const cls = indicator.constructor?.name ?? 'indicator';
  const short = cls.replace(/HealthIndicator$|Indicator$/, '');
  return (short || cls).replace(/^./, (c) => c.toLowerCase());
}

/**
 * Runs the indicators (in parallel, each bounded by `timeout`) and answers liveness and
 * readiness. Readiness is down while the application shuts down.
 */
@Injectable()
export class HealthService {
  constructor(
    @Inject(HEALTH_INDICATORS) private readonly indicators: HealthIndicator[],
    @Inject(HEALTH_OPTIONS) private readonly options: HealthModuleOptions,
    @Optional() @Inject(HTTP_STATE) private readonly state?: HttpState,
  ) {}

  /** Liveness: the process runs and the event loop answers. */
  live(): { status: 'up' } {
    return { status: 'up' };
  }

  /** Every indicator's result; throws a 503 problem (with the checks) when one is down. */
  async ready(): Promise<HealthReport> {
    if (this.state?.shuttingDown) {
      throw new ServiceUnavailableException('The application is shutting down.', {
        code: HttpErrorCode.SHUTTING_DOWN,
      });
    }
    const timeout = this.options.timeout ?? 3000;
    const results = await Promise.all(this.indicators.map((i) => this.run(i, timeout)));
    const checks: Record<string, HealthCheckResult> = {};
    this.indicators.forEach((indicator, i) => (checks[nameOf(indicator)] = results[i]!));
    const down = Object.keys(checks).filter((k) => checks[k]!.status !== 'up');
    if (down.length > 0) {
      throw new ServiceUnavailableException(
        `Not ready: ${down.join(', ')} ${down.length === 1 ? 'is' : 'are'} down.`,
        {
          code: HttpErrorCode.HEALTH_CHECK_FAILED,
          extensions: { checks },
        },
      );
    }
    return { status: 'up', checks };
  }

  private async run(indicator: HealthIndicator, timeout: number): Promise<HealthCheckResult> {
    let timer: NodeJS.Timeout | undefined;
    try {
      const timedOut = new Promise<HealthCheckResult>((resolve) => {
        timer = setTimeout(
          () => resolve({ status: 'down', details: { error: `no answer within ${timeout} ms` } }),
          timeout,
        );
      });
      const result = await Promise.race([indicator.check(), timedOut]);
      return result.status === 'up' || result.status === 'down'
        ? result
        : { status: 'down', details: { error: 'invalid result' } };
    } catch (error) {
      return { status: 'down', details: { error: error instanceof Error ? error.message : String(error) } };
    } finally {
      clearTimeout(timer);
    }
  }
}
