import { sql } from 'kysely';
import type { ColumnType } from '../metadata/column-type';
import type { EntityMetadata } from '../metadata/entity-metadata';
import type { CompiledStatement } from './compiled-statement';
import { StatementShapes } from './statement-shapes';

// An entity is saved with the same columns time after time (its defined properties), so a few
// shapes cover an application; past this many, further shapes are built per call.
const MAX_SHAPES = 32;

// Types whose values, once validated, come back from every engine exactly as they were written
// (no rounding, case or format normalisation, no change of JavaScript type).
const EXACT_TYPES: ReadonlySet<ColumnType> = new Set<ColumnType>(['integer', 'boolean', 'string', 'text']);

/**
 * The `update … set … where id = ? [and version = ?] [returning *]` statements of `save()` on an
 * existing entity, compiled once per set of columns written (and with or without RETURNING). Parameters: the values in the order
 * of `columns`, then the id, then the expected version.
 */
export class UpdateByIdStatements {
  private readonly shapes = new StatementShapes(MAX_SHAPES);

  constructor(private readonly entity: EntityMetadata) {}

  /**
   * Whether the row must be read back after the update (RETURNING, or a select where there is
   * none): unless the entity holds every column, and each was written (or is the id or version)
   * with a type the database returns as written, the database knows something the entity does
   * not. A World of integers needs no read; an entity with a timestamp or an unset property does.
   */
  needsReadBack(target: Record<string, unknown>, written: readonly string[]): boolean {
    return this.entity.columns.some(
      (column) =>
        target[column.property] === undefined ||
        !EXACT_TYPES.has(column.type) ||
        (column.role !== 'id' && column.role !== 'version' && !written.includes(column.name)),
    );
  }

  /** The statement for these columns (for this call alone when too many shapes are kept already). */
  statement(columns: readonly string[], returning: boolean): CompiledStatement {
    const key = `${returning ? 'r' : 'n'}\u0000${columns.join('\u0000')}`;
    const { table, id, version } = this.entity;
    return this.shapes.statement(key, (db, parameters) => {
      const values: Record<string, unknown> = {};
      columns.forEach((name, i) => (values[name] = parameters[i]));
      let query = db.updateTable(table).set(values).where(sql.ref(id.name), '=', parameters[columns.length]);
      if (version) query = query.where(sql.ref(version.name), '=', parameters[columns.length + 1]);
      return returning ? query.returningAll() : query;
    });
  }
}
