import type { MetricsRegistryLike } from '../module/messaging-options';
import type { DiscoveryService } from '@tenon/core';
import { optionalHttp } from '../util/http-package';
import { lazyModule } from '../util/lazy-module';
import type { MessageObserver } from './message-observer';

const promClient = lazyModule<typeof import('prom-client')>('prom-client');

/**
 * `messaging_messages_total{subject,kind,outcome}` and
 * `messaging_handler_duration_seconds{subject,kind}` in the given prom-client registry.
 * prom-client is loaded only when a registry is given.
 */
export function recordMetrics(
  observer: MessageObserver,
  registry: MetricsRegistryLike,
  prefix = '',
): () => void {
  const { Counter, Histogram } = promClient();
  const registers = [registry as import('prom-client').Registry];
  const messages = new Counter({
    name: `${prefix}messaging_messages_total`,
    help: 'Messages settled by handlers, by subject, kind and outcome',
    labelNames: ['subject', 'kind', 'outcome'],
    registers,
  });
  const duration = new Histogram({
    name: `${prefix}messaging_handler_duration_seconds`,
    help: 'Message handler duration in seconds, by subject and kind',
    labelNames: ['subject', 'kind'],
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers,
  });
  return observer.subscribe((o) => {
    messages.inc({ subject: o.subject, kind: o.kind, outcome: o.outcome });
    duration.observe({ subject: o.subject, kind: o.kind }, o.durationMs / 1000);
  });
}

/**
 * The registry of @tenon/http's `MetricsModule` (and its prefix) when the application has one:
 * messaging's metrics then appear in `/metrics` with no option.
 */
export function appMetricsRegistry(
  discovery: DiscoveryService,
): { registry: MetricsRegistryLike; prefix: string } | undefined {
  const http = optionalHttp();
  if (!http) return undefined;
  for (const provider of discovery.getProviders()) {
    const instance = provider.instance;
    if (instance instanceof http.MetricsService)
      return { registry: instance.registry, prefix: instance.prefix };
  }
  return undefined;
}
