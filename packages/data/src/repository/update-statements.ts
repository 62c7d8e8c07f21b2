import { sql } from 'kysely';
import type { EntityMetadata } from '../metadata/entity-metadata';
import { CompiledStatement } from './compiled-statement';

// An entity is saved with the same columns time after time (its defined properties), so a few
// shapes cover an application; past this many, further shapes are built per call.
const MAX_SHAPES = 32;

/**
 * The `update … set … where id = ? [and version = ?] [returning *]` statements of `save()` on an
 * existing entity, compiled once per set of columns written. Parameters: the values in the order
 * of `columns`, then the id, then the expected version.
 */
export class UpdateByIdStatements {
  private readonly shapes = new Map<string, CompiledStatement>();

  constructor(
    private readonly entity: EntityMetadata,
    private readonly returning: boolean,
  ) {}

  /** The statement for these columns (not kept when too many shapes are cached already). */
  statement(columns: readonly string[]): CompiledStatement {
    const key = columns.join('\u0000');
    const cached = this.shapes.get(key);
    if (cached !== undefined) return cached;
    const { table, id, version } = this.entity;
    const statement = new CompiledStatement((db, parameters) => {
      const values: Record<string, unknown> = {};
      columns.forEach((name, i) => (values[name] = parameters[i]));
      let query = db.updateTable(table).set(values).where(sql.ref(id.name), '=', parameters[columns.length]);
      if (version) query = query.where(sql.ref(version.name), '=', parameters[columns.length + 1]);
      return this.returning ? query.returningAll() : query;
    });
    if (this.shapes.size < MAX_SHAPES) this.shapes.set(key, statement);
    return statement;
  }
}
