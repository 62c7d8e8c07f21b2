import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import type { EntityMetadata } from '@tenon/data';

/**
 * A short name for "these tables, these migrations": test files that declare the same schema
 * share its tables in the worker's database (created once), and files that declare a different
 * one get their own PostgreSQL schema, so two definitions of a table never meet.
 */
export function schemaKey(entities: readonly EntityMetadata[], migrationsFolder: string | undefined): string {
  const tables = entities
    .map((e) => ({
      table: e.table,
      columns: e.columns.map((c) => [
        c.name,
        c.type,
        c.nullable,
        c.unique,
        typeof c.default === 'function' ? 'fn' : c.default,
        c.length,
        c.precision,
        c.scale,
        c.role,
        c.generated,
      ]),
      relations: [...e.relations.values()].map((r) => [r.kind, r.property, r.foreignKey]),
    }))
    .sort((a, b) => (a.table < b.table ? -1 : a.table > b.table ? 1 : 0));
  const folder = migrationsFolder === undefined ? null : resolve(migrationsFolder);
  const hash = createHash('sha256').update(JSON.stringify({ tables, folder })).digest('hex');
  return `tenon_test_${hash.slice(0, 12)}`;
}
