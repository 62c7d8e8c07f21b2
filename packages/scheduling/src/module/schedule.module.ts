import {
  ApplicationContext,
  DiscoveryService,
  Logger,
  Module,
  createConfigurableModule,
  type DynamicModule,
  type Provider,
} from '@tenon/core';
import { SchedulingHealthIndicator } from '../health/scheduling-health.indicator';
import { SchedulerRegistry } from '../runtime/scheduler-registry';
import type { ScheduleModuleOptions } from './schedule-options';

function validate(options: ScheduleModuleOptions): string[] {
  const problems: string[] = [];
  const lock = options.lock as Partial<NonNullable<ScheduleModuleOptions['lock']>> | undefined;
  if (lock !== undefined && (typeof lock !== 'object' || lock === null || typeof lock.open !== 'function'))
    problems.push('lock: expected databaseLock() or redisLock({ url })');
  const timeout = options.shutdownTimeout;
  if (timeout !== undefined && !(Number.isInteger(timeout) && timeout >= 0))
    problems.push(`shutdownTimeout: expected an integer >= 0 of milliseconds, got ${String(timeout)}`);
  if (
    options.instanceId !== undefined &&
    (typeof options.instanceId !== 'string' || options.instanceId === '')
  )
    problems.push('instanceId: expected a non-empty string');
  return problems;
}

const { ConfigurableModuleClass, MODULE_OPTIONS_TOKEN } = createConfigurableModule<ScheduleModuleOptions>({
  name: 'ScheduleModule',
  validate,
  global: true,
  providers: (options): Provider[] => [
    {
      provide: SchedulerRegistry,
      useFactory: (o: ScheduleModuleOptions, discovery: DiscoveryService, app: ApplicationContext) =>
        new SchedulerRegistry(o, discovery, app, new Logger('Scheduler')),
      inject: [options, DiscoveryService, ApplicationContext],
    },
    SchedulingHealthIndicator,
  ],
  exports: [SchedulerRegistry, SchedulingHealthIndicator],
});

/** The token of the options given to `ScheduleModule.forRoot()`. */
export const SCHEDULE_OPTIONS = MODULE_OPTIONS_TOKEN;

/**
 * Finds `@Cron`, `@Interval` and `@Timeout` methods of the application's providers and runs
 * them; with a lock, one instance per tick. Global: import it once in the root module.
 *
 * @example
 * @Module({
 *   imports: [
 *     DataModule.forRoot({ url: process.env.DATABASE_URL }),
 *     ScheduleModule.forRoot({ lock: databaseLock() }),
 *     // or: ScheduleModule.forRoot({ lock: redisLock({ url: 'redis://127.0.0.1:6379' }) }), or forRoot() for no lock
 *   ],
 *   providers: [ReportJobs],
 * })
 * export class AppModule {}
 */
@Module({})
export class ScheduleModule extends ConfigurableModuleClass {
  /** `forRoot()` with no options: jobs run on every instance, as NestJS's `ScheduleModule.forRoot()`. */
  static override forRoot(options: ScheduleModuleOptions & { global?: boolean } = {}): DynamicModule {
    return ConfigurableModuleClass.forRoot.call(this, options);
  }
}
