import type { ApplicationContext } from '@tenon/core';
import type { Database } from '@tenon/data';
import { DataModuleMissingError } from '../errors/boot.errors';
import { dataPackage, type DataPackage } from '../util/lazy-module';

/**
 * Finds the application's `Database` (@tenon/data, an optional peer) when the inbox or the
 * outbox first needs it, so applications without a database never load @tenon/data.
 */
export class DataBridge {
  private found: Database | undefined;

  constructor(private readonly app: ApplicationContext) {}

  /** The database, or `undefined` when @tenon/data is absent or no DataModule was imported. */
  tryDatabase(): Database | undefined {
    if (this.found) return this.found;
    let data: DataPackage;
    try {
      data = dataPackage();
    } catch {
      return undefined;
    }
    try {
      this.found = this.app.get(data.Database);
    } catch {
      return undefined;
    }
    return this.found;
  }

  /** Kysely's `sql` tag, as @tenon/data re-exports it. */
  sql(): DataPackage['sql'] {
    return dataPackage().sql;
  }

  database(feature: string): Database {
    const database = this.tryDatabase();
    if (!database) throw new DataModuleMissingError(feature);
    return database;
  }
}

/** Column types that differ by dialect, for the inbox and outbox tables. */
export function autoIncrementKey(dialect: string): string {
  switch (dialect) {
    case 'mysql':
      return 'bigint auto_increment primary key';
    case 'sqlite':
      return 'integer primary key autoincrement';
    default:
      return 'bigserial primary key';
  }
}
