import { DiscoveryService, Inject, Injectable, Optional } from '@tenon/core';
import { AUTO_HEALTH_INDICATOR } from './auto-health-indicator';
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
  private readonly indicators: HealthIndicator[];
  private readonly options: HealthModuleOptions;

  // Both absent when HealthModule is imported bare (no forRoot()): no indicator, the defaults.
  constructor(
    @Optional() @Inject(HEALTH_INDICATORS) indicators?: HealthIndicator[],
    @Optional() @Inject(HEALTH_OPTIONS) options?: HealthModuleOptions,
    @Optional() @Inject(HTTP_STATE) private readonly state?: HttpState,
    @Optional() @Inject(DiscoveryService) private readonly discovery?: DiscoveryService,
  ) {
    this.indicators = indicators ?? [];
    this.options = options ?? {};
  }

  private all: HealthIndicator[] | undefined;

  // The listed indicators, then the providers marked AUTO_HEALTH_INDICATOR (found once, on the
  // first check, when every singleton exists); one listed and marked is checked once.
  private checked(): HealthIndicator[] {
    if (this.all) return this.all;
    // By class too: a listed class is built by HealthModule, a second instance of the same check.
    const listed = new Set<unknown>(
      this.indicators.flatMap((i) => [i, ...(i.constructor === Object ? [] : [i.constructor])]),
    );
    const auto = new Set<HealthIndicator>();
    for (const provider of this.discovery?.getProviders() ?? []) {
      const instance = provider.instance as
        (Partial<HealthIndicator> & { [AUTO_HEALTH_INDICATOR]?: unknown }) | undefined;
      if (
        instance?.[AUTO_HEALTH_INDICATOR] === true &&
        typeof instance.check === 'function' &&
        !listed.has(instance) &&
        !listed.has(instance.constructor)
      )
        auto.add(instance as HealthIndicator);
    }
    return (this.all = [...this.indicators, ...auto]);
  }

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
    const indicators = this.checked();
    const results = await Promise.all(indicators.map((i) => this.run(i, timeout)));
    const checks: Record<string, HealthCheckResult> = {};
    indicators.forEach((indicator, i) => (checks[nameOf(indicator)] = results[i]!));
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
