import { existsSync, promises as fs } from 'node:fs';
import * as path from 'node:path';
import { sql } from 'kysely';
import { FileMigrationProvider, Migrator, type MigrationResultSet } from 'kysely/migration';
import type { Database } from '../connection/database';
import { migrationFailed, migrationsFolderMissing } from '../errors/schema.errors';

/** The tables where applied migrations and the migration lock are kept. */
export const MIGRATION_TABLE = 'tenon_migration';
export const MIGRATION_LOCK_TABLE = 'tenon_migration_lock';

/** One migration and when it ran. */
export interface MigrationStatus {
  name: string;
  /** Undefined when pending. */
  executedAt: Date | undefined;
}

/**
 * Runs the migrations in a folder with Kysely's Migrator: ordered by file name, recorded in
 * `tenon_migration`, one at a time across processes (Kysely takes an advisory lock on
 * PostgreSQL, GET_LOCK on MySQL), each in a transaction where the engine has transactional DDL.
 * A migration exports `up(db)` and optionally `down(db)`.
 *
 * @example
 * const migrations = new Migrations(database, path.join(__dirname, 'migrations'));
 * await migrations.up();
 * console.table(await migrations.status());
 */
export class Migrations {
  readonly folder: string;

  constructor(
    private readonly database: Database,
    folder: string,
  ) {
    this.folder = path.resolve(folder);
  }

  private async migrator(): Promise<Migrator> {
    if (!existsSync(this.folder)) throw migrationsFolderMissing(this.folder);
    // Kysely looks for its tables in every schema unless told one: with a search_path (a schema
    // per tenant or per test run) it would find another schema's table and then fail to use it.
    const { dialect } = this.database.capabilities;
    const schema =
      dialect === 'postgres' || dialect === 'pglite'
        ? (await sql<{ s: string | null }>`select current_schema() as s`.execute(this.database.kysely))
            .rows[0]?.s
        : undefined;
    return new Migrator({
      db: this.database.kysely,
      migrationTableName: MIGRATION_TABLE,
      migrationLockTableName: MIGRATION_LOCK_TABLE,
      ...(schema ? { migrationTableSchema: schema } : {}),
      provider: new FileMigrationProvider({
        fs,
        path,
        migrationFolder: this.folder,
        // require, not import(): this package is CommonJS, and under jest require transforms TypeScript.
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        import: (file: string) => Promise.resolve(require(file) as unknown),
      }),
    });
  }

  /** Applies every pending migration; returns the names applied. */
  async up(): Promise<string[]> {
    return this.check(await (await this.migrator()).migrateToLatest(), 'up');
  }

  /** Reverts the last applied migration; returns its name (empty when none was applied). */
  async down(): Promise<string[]> {
    return this.check(await (await this.migrator()).migrateDown(), 'down');
  }

  /** Every migration in the folder, applied or pending, in order. */
  async status(): Promise<MigrationStatus[]> {
    const migrations = await (await this.migrator()).getMigrations();
    return migrations.map((m) => ({ name: m.name, executedAt: m.executedAt }));
  }

  private check(result: MigrationResultSet, direction: string): string[] {
    if (result.error !== undefined) {
      const failed = result.results?.find((r) => r.status === 'Error')?.migrationName;
      throw migrationFailed(failed, direction, result.error);
    }
    return (result.results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
  }
}
