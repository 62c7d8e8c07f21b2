import { DataError } from './data.error';
import { DataErrorCode } from './errors';
import { messageOf } from './connection.errors';

export function migrationsFolderMissing(folder: string): DataError {
  return new DataError(
    DataErrorCode.MIGRATIONS_FOLDER_MISSING,
    `The migrations folder "${folder}" does not exist. Create it (tenon-data generate <name> writes the first ` +
      `migration there), or point migrationsFolder at the folder holding the compiled migrations.`,
  );
}

export function migrationFailed(migration: string | undefined, direction: string, cause: unknown): DataError {
  return new DataError(
    DataErrorCode.MIGRATION_FAILED,
    (migration !== undefined
      ? `Migration "${migration}" failed while migrating ${direction}: ${messageOf(cause)}. `
      : `Migrating ${direction} failed before any migration ran: ${messageOf(cause)}. `) +
      `On engines with transactional DDL (PostgreSQL, PGlite, SQLite) the whole run is rolled back; on ` +
      `MySQL/MariaDB the migrations before it stay applied. Fix the migration or the data and run again.`,
    { cause },
  );
}

export function schemaDrift(problems: readonly string[]): DataError {
  return new DataError(
    DataErrorCode.SCHEMA_DRIFT,
    `The database schema does not match the entities (schema: 'validate'):\n` +
      problems.map((p) => `  - ${p}`).join('\n') +
      `\nWrite a migration for these changes (tenon-data generate <name> drafts one) and run it, ` +
      `or use schema: 'create' for a throwaway database.`,
  );
}

export function invalidSchemaMode(mode: unknown): DataError {
  return new DataError(
    DataErrorCode.INVALID_SCHEMA_MODE,
    `schema is ${JSON.stringify(mode) ?? String(mode)}; it must be 'migrate', 'validate', 'create' or 'none'.`,
  );
}

export function invalidModuleOptions(problem: string): DataError {
  return new DataError(DataErrorCode.INVALID_MODULE_OPTIONS, `Invalid DataModule options: ${problem}.`);
}
