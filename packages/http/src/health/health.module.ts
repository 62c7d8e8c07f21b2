import { Module, type DynamicModule, type Provider, type Type } from '@tenon/core';
import { HttpErrorCode } from '../errors/errors';
import { HttpBootError } from '../errors/http-boot.error';
import type { HealthIndicator } from './health-indicator';
import { HealthController } from './health.controller';
import { HealthService } from './health.service';
import { HEALTH_INDICATORS, HEALTH_OPTIONS, type HealthModuleOptions } from './health.tokens';

function isClass(value: unknown): value is Type<HealthIndicator> {
  return typeof value === 'function';
}

/**
 * Health endpoints: `GET /health/live` (200 while the process runs) and `GET /health/ready`
 * (200 when every indicator is up; a 503 problem listing the checks when one is down or the
 * application is shutting down). Imported bare (`imports: [HealthModule]`, as NestJS users
 * import a module) it serves both with no indicator; `forRoot()` adds indicators and options.
 *
 * @example
 * @Module({ imports: [HealthModule.forRoot({ indicators: [DatabaseHealthIndicator, { name: 'disk', check: async () => ({ status: 'up' }) }] })] })
 * export class AppModule {}
 */
// The controller and the service are the module's own, so a bare import mounts them; forRoot()
// only adds what its options give (dynamic metadata is merged with this).
@Module({ controllers: [HealthController], providers: [HealthService], exports: [HealthService] })
export class HealthModule {
  static forRoot(options: HealthModuleOptions = {}): DynamicModule {
    const indicators = options.indicators ?? [];
    indicators.forEach((indicator, i) => {
      const check = isClass(indicator)
        ? (indicator.prototype as Partial<HealthIndicator>).check
        : indicator?.check;
      if (typeof check !== 'function') {
        throw new HttpBootError(
          HttpErrorCode.INVALID_HEALTH_INDICATOR,
          `Health indicator #${i} (${isClass(indicator) ? indicator.name : typeof indicator}) has no check() method. ` +
            `Fix: give a provider class or an object whose check() returns Promise<{ status: 'up' | 'down', details? }>.`,
        );
      }
    });
    const classes = indicators.filter(isClass);
    const providers: Provider[] = [
      { provide: HEALTH_OPTIONS, useValue: options },
      ...classes,
      {
        provide: HEALTH_INDICATORS,
        // Keeps the order the application listed them in: classes built with injection, objects as they are.
        useFactory: (...built: HealthIndicator[]) =>
          indicators.map((i) => (isClass(i) ? built[classes.indexOf(i)]! : i)),
        inject: classes,
      },
    ];
    return { module: HealthModule, imports: options.imports ?? [], providers };
  }
}
