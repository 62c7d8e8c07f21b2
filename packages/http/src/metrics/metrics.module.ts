import { Module, type DynamicModule } from '@tenon/core';
import { MetricsController } from './metrics.controller';
import { MetricsService } from './metrics.service';
import { METRICS_OPTIONS, type MetricsModuleOptions } from './metrics.tokens';

/**
 * Prometheus metrics through prom-client: request count and latency histogram by route,
 * process metrics, served at `GET /metrics`. Imported bare (`imports: [MetricsModule]`) it serves
 * them with the default options; `forRoot()` sets a prefix or turns the process metrics off.
 *
 * @example
 * @Module({ imports: [MetricsModule.forRoot({ prefix: 'todo_' })] })
 * export class AppModule {}
 */
// As HealthModule: the controller and the service are the module's own so a bare import mounts
// them; forRoot() only replaces the options (dynamic metadata is merged with this).
@Module({
  controllers: [MetricsController],
  providers: [{ provide: METRICS_OPTIONS, useValue: {} }, MetricsService],
  exports: [MetricsService],
})
export class MetricsModule {
  static forRoot(options: MetricsModuleOptions = {}): DynamicModule {
    return { module: MetricsModule, providers: [{ provide: METRICS_OPTIONS, useValue: options }] };
  }
}
