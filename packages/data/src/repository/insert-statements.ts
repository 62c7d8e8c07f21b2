import type { Kysely, QueryResult } from 'kysely';
import type { Database } from '../connection/database';
import type { DynamicSchema } from '../connection/dynamic-schema';
import type { EntityMetadata } from '../metadata/entity-metadata';
import type { CompiledStatement } from './compiled-statement';
import { StatementShapes } from './statement-shapes';

// New entities of a type are saved with the same columns time after time (their defined
// properties), so a few shapes cover an application; past this many, further shapes are built
// per call.
const MAX_SHAPES = 32;

/**
 * The `insert into … (columns) values (…) [returning *]` statements of `save()` on a new entity,
 * compiled once per set of columns written, with the values (in the order of `columns`) as
 * parameters: building and compiling Kysely's query tree for each insert cost as much as a
 * PGlite insert itself.
 */
export class InsertStatements {
  private readonly shapes = new StatementShapes(MAX_SHAPES);

  constructor(private readonly entity: EntityMetadata) {}

  /**
   * Inserts `values` (column name → value): the rows it returns (with `returning`) and, on
   * engines without RETURNING, the generated id.
   */
  run(
    database: Database,
    executor: Kysely<DynamicSchema>,
    values: Record<string, unknown>,
    returning: boolean,
  ): Promise<QueryResult<Record<string, unknown>>> {
    const columns = Object.keys(values);
    if (columns.length > 0) {
      type Row = Record<string, unknown>;
      return this.statement(columns, returning).run<Row, QueryResult<Row>>(
        database,
        executor,
        Object.values(values),
        (r) => r,
      );
    }
    // No column to write (an entity of an identity id alone): Kysely's own statement.
    const insert = executor.insertInto(this.entity.table).values(values);
    return (returning ? insert.returningAll() : insert).execute().then((rows) => ({
      rows: (returning ? rows : []) as Record<string, unknown>[],
      insertId: (rows[0] as { insertId?: bigint } | undefined)?.insertId,
    }));
  }

  /** The statement for these columns (for this call alone when too many shapes are kept already). */
  statement(columns: readonly string[], returning: boolean): CompiledStatement {
    const key = `${returning ? 'r' : 'n'}\u0000${columns.join('\u0000')}`;
    const { table } = this.entity;
    return this.shapes.statement(key, (db, parameters) => {
      const values: Record<string, unknown> = {};
      columns.forEach((name, i) => (values[name] = parameters[i]));
      const query = db.insertInto(table).values(values);
      return returning ? query.returningAll() : query;
    });
  }
}
