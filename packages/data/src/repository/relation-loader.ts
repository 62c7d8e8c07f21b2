import type { Database } from '../connection/database';
import { unknownRelation } from '../errors/entity.errors';
import { invalidRelation } from '../errors/entity.errors';
import type { EntityMetadata } from '../metadata/entity-metadata';
import { getEntityMetadata } from '../metadata/entity-metadata.registry';
import { RepositoryEngine } from './repository-engine';

type Row = Record<string, unknown>;

// One engine per database and target entity, so relation loads reuse its compiled statements.
const engines = new WeakMap<Database, WeakMap<EntityMetadata, RepositoryEngine<object>>>();

function engineFor(target: EntityMetadata, database: Database): RepositoryEngine<object> {
  let byEntity = engines.get(database);
  if (byEntity === undefined) engines.set(database, (byEntity = new WeakMap()));
  let engine = byEntity.get(target);
  if (engine === undefined) byEntity.set(target, (engine = new RepositoryEngine<object>(target, database)));
  return engine;
}

/**
 * Fills a relation property on every entity of a list with ONE query: the many-to-one targets
 * by `id IN (...)`, or the one-to-many children by `foreignKey IN (...)`. Explicit by design:
 * no lazy loading, no N+1.
 */
export async function loadRelation(
  entity: EntityMetadata,
  database: Database,
  entities: readonly object[],
  property: string,
): Promise<void> {
  const relation = entity.relations.get(property);
  if (relation === undefined) throw unknownRelation(entity.name, property, [...entity.relations.keys()]);
  const target = getEntityMetadata(relation.target(), `${entity.name}.${property}`);
  const rows = entities as Row[];
  if (rows.length === 0) return;
  const engine = engineFor(target, database);

  if (relation.kind === 'many-to-one') {
    const keys = distinct(rows.map((row) => row[relation.foreignKey]));
    const found = keys.length === 0 ? [] : await engine.findAllById(keys);
    const byId = new Map(found.map((item) => [key((item as Row)[target.id.property]), item]));
    for (const row of rows) {
      const fk = row[relation.foreignKey];
      row[property] = fk == null ? null : (byId.get(key(fk)) ?? null);
    }
    return;
  }

  const fkColumn = target.byProperty.get(relation.foreignKey);
  if (fkColumn === undefined) {
    throw invalidRelation(
      entity.name,
      property,
      `its mappedBy "${relation.foreignKey}" is not a @Column of ${target.name}`,
    );
  }
  const ids = distinct(rows.map((row) => row[entity.id.property]));
  const children =
    ids.length === 0
      ? []
      : await engine.select(
          [[{ kind: 'in', column: fkColumn, values: ids, negate: false, ignoreCase: false }]],
          [{ column: target.id, direction: 'asc' }],
        );
  const byParent = new Map<string, object[]>();
  for (const child of children) {
    const parent = key((child as Row)[relation.foreignKey]);
    const list = byParent.get(parent) ?? [];
    list.push(child);
    byParent.set(parent, list);
  }
  for (const row of rows) row[property] = byParent.get(key(row[entity.id.property])) ?? [];
}

// Ids may come back as number from one query and bigint/string from another.
function key(value: unknown): string {
  return String(value);
}

function distinct(values: unknown[]): unknown[] {
  const seen = new Map<string, unknown>();
  for (const value of values) if (value != null && !seen.has(key(value))) seen.set(key(value), value);
  return [...seen.values()];
}
