import { Module, type DynamicModule } from '@tenon/core';
import { MetricsController } from './metrics.controller';
import { MetricsService } from './metrics.service';
import { METRICS_OPTIONS, type MetricsModuleOptions } from './metrics.tokens';

/**
 * Prometheus metrics through prom-client: request count and latency histogram by route,
 * process metrics, served at `GET /metrics`.
 *
 * @example
 * @Module({ imports: [MetricsModule.forRoot({ prefix: 'todo_' })] })
 * export class AppModule {}
 */
@Module({})
export class MetricsModule {
  static forRoot(options: MetricsModuleOptions = {}): DynamicModule {
    return {
      module: MetricsModule,
      controllers: [MetricsController],
      providers: [{ provide: METRICS_OPTIONS, useValue: options }, MetricsService],
      exports: [MetricsService],
    };
  }
}
