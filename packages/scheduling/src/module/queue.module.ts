import {
  ApplicationContext,
  DiscoveryService,
  Logger,
  Module,
  createConfigurableModule,
  type DynamicModule,
  type Provider,
} from '@tenon/core';
import { QueuesHealthIndicator } from '../health/queues-health.indicator';
import { QueueConnection } from '../queues/queue-connection';
import type { QueueModuleOptions, RegisterQueueOptions } from '../queues/queue-options';
import { getQueueToken } from '../queues/queue-token';
import { QueueWorkers } from '../queues/queue-workers';

function validate(options: QueueModuleOptions): string[] {
  const problems: string[] = [];
  const { connection } = options;
  if (
    !(typeof connection === 'string' && connection !== '') &&
    !(typeof connection === 'object' && connection !== null)
  )
    problems.push("connection: expected a Redis URL such as 'redis://127.0.0.1:6379' or ioredis options");
  const timeout = options.shutdownTimeout;
  if (timeout !== undefined && !(Number.isInteger(timeout) && timeout >= 0))
    problems.push(`shutdownTimeout: expected an integer >= 0 of milliseconds, got ${String(timeout)}`);
  return problems;
}

const { ConfigurableModuleClass, MODULE_OPTIONS_TOKEN } = createConfigurableModule<QueueModuleOptions>({
  name: 'QueueModule',
  validate,
  global: true,
  providers: (options): Provider[] => [
    {
      provide: QueueConnection,
      useFactory: (o: QueueModuleOptions) => new QueueConnection(o),
      inject: [options],
    },
    {
      provide: QueueWorkers,
      useFactory: (connection: QueueConnection, discovery: DiscoveryService, app: ApplicationContext) =>
        new QueueWorkers(connection, discovery, app, new Logger('Queues')),
      inject: [QueueConnection, DiscoveryService, ApplicationContext],
    },
    QueuesHealthIndicator,
  ],
  exports: [QueueConnection, QueueWorkers, QueuesHealthIndicator],
});

/** The token of the options given to `QueueModule.forRoot()`. */
export const QUEUE_OPTIONS = MODULE_OPTIONS_TOKEN;

/**
 * Queued jobs on BullMQ (Redis): `forRoot({ connection })` once in the root module (global),
 * `registerQueue({ name })` where a `Queue` is injected with `@InjectQueue(name)`, and
 * `@Processor(name)` classes among the providers.
 *
 * @example
 * @Module({
 *   imports: [QueueModule.forRoot({ connection: 'redis://127.0.0.1:6379' }), QueueModule.registerQueue({ name: 'mail' })],
 *   providers: [MailProcessor, SignUp],
 * })
 * export class AppModule {}
 */
@Module({})
export class QueueModule extends ConfigurableModuleClass {
  /** Provides a BullMQ `Queue` per registration, injected with `@InjectQueue(name)`. */
  static registerQueue(...queues: RegisterQueueOptions[]): DynamicModule {
    const providers: Provider[] = queues.map((registration) => ({
      provide: getQueueToken(registration.name),
      useFactory: (connection: QueueConnection) => connection.createQueue(registration),
      inject: [QueueConnection],
    }));
    return {
      module: QueueModule,
      providers,
      exports: providers.map((p) => (p as { provide: unknown }).provide as never),
    };
  }
}
