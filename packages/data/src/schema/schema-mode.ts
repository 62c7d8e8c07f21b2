import type { Database } from '../connection/database';
import { invalidModuleOptions, invalidSchemaMode, schemaDrift } from '../errors/schema.errors';
import { Migrations } from './migrations';
import { createSchema } from './schema-creator';
import { describeDiff, diffSchema } from './schema-diff';

/**
 * What happens to the schema at boot:
 * - `migrate`: run pending migrations from `migrationsFolder` (production);
 * - `validate`: compare entities with the live schema and fail listing every difference;
 * - `create`: create missing tables from the entities (tests, first runs);
 * - `none`: leave it alone.
 */
export type SchemaMode = 'migrate' | 'validate' | 'create' | 'none';

export const SCHEMA_MODES: readonly SchemaMode[] = ['migrate', 'validate', 'create', 'none'];

/** Applies a schema mode; entities are those of the app's repositories plus any listed. */
export async function applySchemaMode(
  database: Database,
  mode: SchemaMode,
  options: { migrationsFolder?: string | undefined; entities: readonly Function[] },
): Promise<void> {
  switch (mode) {
    case 'migrate':
      if (options.migrationsFolder === undefined) {
        throw invalidModuleOptions(
          `schema 'migrate' needs migrationsFolder (the folder of compiled migrations)`,
        );
      }
      await new Migrations(database, options.migrationsFolder).up();
      return;
    case 'validate': {
      const problems = describeDiff(await diffSchema(database, options.entities));
      if (problems.length > 0) throw schemaDrift(problems);
      return;
    }
    case 'create':
      await createSchema(database.kysely, options.entities, database.capabilities.dialect);
      return;
    case 'none':
      return;
    default:
      throw invalidSchemaMode(mode);
  }
}
