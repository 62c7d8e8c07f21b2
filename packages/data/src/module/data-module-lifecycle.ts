import {
  DiscoveryService,
  Inject,
  Injectable,
  type OnApplicationShutdown,
  type OnModuleInit,
} from '@tenon/core';
import { Database } from '../connection/database';
import { releaseKeptTierUp } from '../connection/pglite/start-tier-up';
import { repositoryEntity } from '../decorators/repository.decorator';
import { TransactionManager } from '../transaction/transaction-manager';
import { applySchemaMode } from '../schema/schema-mode';
import { DATA_MODULE_OPTIONS, type DataModuleOptions } from './data-module-options';

/**
 * Boot and shutdown of the data layer: registers the TransactionManager `@Transactional()` uses,
 * applies the schema mode to the entities of every repository in the app, and closes the pool.
 */
@Injectable()
export class DataModuleLifecycle implements OnModuleInit, OnApplicationShutdown {
  private readonly bound: object[] = [];

  constructor(
    @Inject(Database) private readonly database: Database,
    @Inject(DATA_MODULE_OPTIONS) private readonly options: DataModuleOptions,
    @Inject(DiscoveryService) private readonly discovery: DiscoveryService,
  ) {}

  async onModuleInit(): Promise<void> {
    const manager = this.database.transactions;
    TransactionManager.setDefault(manager);
    for (const found of [...this.discovery.getProviders(), ...this.discovery.getControllers()]) {
      const instance: unknown = found.instance;
      if (typeof instance === 'object' && instance !== null && TransactionManager.bind(instance, manager))
        this.bound.push(instance);
    }
    const entities = new Set<Function>(this.options.entities ?? []);
    for (const provider of this.discovery.getProviders()) {
      const entity = provider.metatype ? repositoryEntity(provider.metatype) : undefined;
      if (entity !== undefined) entities.add(entity);
    }
    const mode = this.options.schema ?? (this.options.migrationsFolder !== undefined ? 'migrate' : 'none');
    try {
      await applySchemaMode(this.database, mode, {
        migrationsFolder: this.options.migrationsFolder,
        entities: [...entities],
      });
    } finally {
      // The embedded database's start is over: V8 may optimise its WebAssembly again.
      releaseKeptTierUp(this.database);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    releaseKeptTierUp(this.database);
    const manager = this.database.transactions;
    TransactionManager.clearDefault(manager);
    for (const instance of this.bound.splice(0)) TransactionManager.unbind(instance, manager);
    await this.database.close();
  }
}
