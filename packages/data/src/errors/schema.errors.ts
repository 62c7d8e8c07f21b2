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

// "already exists" from each engine: PostgreSQL and PGlite (duplicate_table, duplicate_object,
// duplicate_schema), MySQL/MariaDB (ER_TABLE_EXISTS_ERROR, ER_DUP_KEYNAME), SQLite (message only).
const EXISTS_CODES = new Set(['42P07', '42710', '42P06', 'ER_TABLE_EXISTS_ERROR', 'ER_DUP_KEYNAME']);

function alreadyExists(error: unknown): boolean {
  for (let e = error, depth = 0; e !== null && e !== undefined && depth < 5; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && EXISTS_CODES.has(code)) return true;
    if (e instanceof Error && /^(table|index) .* already exists$/.test(e.message)) return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}

export function migrationFailed(migration: string | undefined, direction: string, cause: unknown): DataError {
  if (migration !== undefined && direction === 'up' && alreadyExists(cause)) {
    return new DataError(
      DataErrorCode.MIGRATION_OBJECT_EXISTS,
      `Migration "${migration}" failed while migrating up: ${messageOf(cause)}. The database already has what ` +
        `this migration creates, but its migration table does not record the migration: the tables were made ` +
        `another way (schema: 'create', TestDatabase.setup({ entities }), or by hand). ` +
        `In tests, give TestDatabase the app's migrations instead of its entities ` +
        `(TestDatabase.setup({ migrationsFolder }) with DataModule's migrationsFolder), or use schema: 'create' ` +
        `in the app's test configuration; on a real database, drop those tables or start from an empty database.`,
      { cause },
    );
  }
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
