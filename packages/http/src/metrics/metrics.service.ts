import { Inject, Injectable, type OnModuleDestroy } from '@tenon/core';
import type { FastifyInstance } from 'fastify';
import type * as PromClient from 'prom-client';
import type { Counter, Histogram, Registry } from 'prom-client';
import type { HttpConfigurer } from '../application/http-state';
import { lazyModule } from '../application/lazy-module';
import { METRICS_OPTIONS, type MetricsModuleOptions } from './metrics.tokens';

// Loaded when MetricsModule's service is built, not by every application that requires @tenon/http.
const promClient = lazyModule<typeof PromClient>('prom-client');

// Requests that matched no route share one label, so scanners cannot explode the cardinality.
const UNMATCHED = '<unmatched>';

/**
 * Owns the Prometheus registry (one per application, never prom-client's global one) and
 * records every response: `http_requests_total` and `http_request_duration_seconds`, labelled
 * by method, route pattern and status.
 *
 * @example
 * constructor(private readonly metrics: MetricsService) {}
 * this.metrics.registry.registerMetric(new Counter({ name: 'todos_created_total', help: 'Todos created' }));
 */
@Injectable()
export class MetricsService implements HttpConfigurer, OnModuleDestroy {
  readonly registry: Registry;
  /** The `prefix` option: other packages' metrics in this registry (messaging's) take it too. */
  readonly prefix: string;
  private readonly requests: Counter<'method' | 'route' | 'status'>;
  private readonly latency: Histogram<'method' | 'route' | 'status'>;

  constructor(@Inject(METRICS_OPTIONS) options: MetricsModuleOptions) {
    const { Counter, Histogram, Registry, collectDefaultMetrics } = promClient();
    this.registry = new Registry();
    const prefix = (this.prefix = options.prefix ?? '');
    if (options.defaultMetrics !== false) collectDefaultMetrics({ register: this.registry, prefix });
    this.requests = new Counter({
      name: `${prefix}http_requests_total`,
      help: 'HTTP requests answered, by method, route and status',
      labelNames: ['method', 'route', 'status'],
      registers: [this.registry],
    });
    this.latency = new Histogram({
      name: `${prefix}http_request_duration_seconds`,
      help: 'HTTP request latency in seconds, by method, route and status',
      labelNames: ['method', 'route', 'status'],
      buckets: options.buckets ?? [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [this.registry],
    });
  }

  configureHttp(fastify: FastifyInstance): void {
    // Fastify measures the elapsed time itself: one hook, after the response is sent.
    fastify.addHook('onResponse', (request, reply, done) => {
      const labels = {
        method: request.method,
        route: request.routeOptions.url ?? UNMATCHED,
        status: String(reply.statusCode),
      };
      this.requests.inc(labels);
      this.latency.observe(labels, reply.elapsedTime / 1000);
      done();
    });
  }

  /** The exposition text and its content type. */
  async scrape(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }

  onModuleDestroy(): void {
    this.registry.clear();
  }
}
