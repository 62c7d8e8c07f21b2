import {
  Module,
  type DynamicModule,
  type FactoryDependency,
  type ModuleImport,
  type Provider,
  type Type,
} from '@tenon/core';
import { Database, type AuditorProvider } from '../connection/database';
import { holdTierUp, keepTierUpHeld, pgliteTierUp } from '../connection/pglite/start-tier-up';
import { repositoryEntity } from '../decorators/repository.decorator';
import { notARepository } from '../errors/entity.errors';
import { invalidModuleOptions, invalidSchemaMode } from '../errors/schema.errors';
import { DatabaseHealthIndicator } from '../health/database-health.indicator';
import { SCHEMA_MODES } from '../schema/schema-mode';
import { TransactionManager } from '../transaction/transaction-manager';
import { DataModuleLifecycle } from './data-module-lifecycle';
import { AUDITOR_PROVIDER, DATA_MODULE_OPTIONS, type DataModuleOptions } from './data-module-options';

/** Options of `DataModule.forRootAsync`. */
export interface DataModuleAsyncOptions {
  imports?: ModuleImport[];
  inject?: FactoryDependency[];
  useFactory: (...args: never[]) => DataModuleOptions | Promise<DataModuleOptions>;
}

/** Extra providers of the root module. */
export interface DataModuleExtras {
  /** A class providing `AUDITOR_PROVIDER` (it may inject what it needs). */
  auditor?: Type<AuditorProvider>;
}

function checkOptions(options: DataModuleOptions): DataModuleOptions {
  if (options === null || typeof options !== 'object') {
    throw invalidModuleOptions(`expected an options object, got ${String(options)}`);
  }
  if (options.schema !== undefined && !SCHEMA_MODES.includes(options.schema))
    throw invalidSchemaMode(options.schema);
  return options;
}

function rootModule(options: Provider, imports: ModuleImport[], extras: DataModuleExtras): DynamicModule {
  return {
    module: DataModule,
    global: true,
    imports,
    providers: [
      options,
      ...(extras.auditor ? [{ provide: AUDITOR_PROVIDER, useClass: extras.auditor }] : []),
      {
        provide: Database,
        // Connecting here (not lazily) makes a wrong URL or a stopped server a boot error.
        useFactory: async (opts: DataModuleOptions, auditor: AuditorProvider | undefined) => {
          const options = checkOptions(opts);
          // An embedded database's start goes on with the schema (DataModuleLifecycle), whose
          // statements are first runs too: V8's tier-up waits until it is applied.
          const embedded = options.pglite === undefined && (options.url ?? 'pglite:').startsWith('pglite:');
          const release = embedded ? holdTierUp(pgliteTierUp(undefined)) : undefined;
          try {
            const database = await Database.connect({ ...options, ...(auditor ? { auditor } : {}) });
            if (release !== undefined) keepTierUpHeld(database, release);
            return database;
          } catch (error) {
            release?.();
            throw error;
          }
        },
        inject: [DATA_MODULE_OPTIONS, { token: AUDITOR_PROVIDER, optional: true }],
      },
      { provide: TransactionManager, useFactory: (db: Database) => db.transactions, inject: [Database] },
      DatabaseHealthIndicator,
      DataModuleLifecycle,
    ],
    exports: [Database, TransactionManager, DatabaseHealthIndicator, DATA_MODULE_OPTIONS],
  };
}

/**
 * The data layer as a module: `forRoot` (global) connects the database, applies the schema mode
 * and exports `Database`, `TransactionManager` and `DatabaseHealthIndicator`; `forFeature`
 * registers repositories as providers of the importing module.
 *
 * @example
 * @Module({
 *   imports: [
 *     DataModule.forRoot({ url: process.env.DATABASE_URL, schema: 'migrate', migrationsFolder: 'dist/migrations' }),
 *     DataModule.forFeature([TodoRepository]),
 *   ],
 * })
 * export class AppModule {}
 */
@Module({})
export class DataModule {
  static forRoot(options: DataModuleOptions = {}, extras: DataModuleExtras = {}): DynamicModule {
    checkOptions(options);
    return rootModule({ provide: DATA_MODULE_OPTIONS, useValue: options }, [], extras);
  }

  /**
   * @example
   * DataModule.forRootAsync({ inject: [AppConfig], useFactory: (c: AppConfig) => ({ url: c.databaseUrl }) })
   */
  static forRootAsync(options: DataModuleAsyncOptions, extras: DataModuleExtras = {}): DynamicModule {
    return rootModule(
      { provide: DATA_MODULE_OPTIONS, useFactory: options.useFactory, inject: options.inject ?? [] },
      options.imports ?? [],
      extras,
    );
  }

  /** Registers repositories (classes with `@Repository(Entity)`) in the importing module. */
  static forFeature(repositories: Type[]): DynamicModule {
    for (const repository of repositories) {
      if (typeof repository !== 'function' || repositoryEntity(repository) === undefined) {
        throw notARepository(typeof repository === 'function' ? repository.name : String(repository));
      }
    }
    return { module: DataModule, providers: repositories, exports: repositories };
  }
}
