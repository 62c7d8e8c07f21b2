import { sql, type QueryResult } from 'kysely';
import type { Database } from '../connection/database';
import type { ColumnMetadata, EntityMetadata } from '../metadata/entity-metadata';
import { conditionShape, conditionValues, orSql, valuesFrom, type Condition } from './condition';
import { oneOff, StatementShapes, type BuildStatement } from './statement-shapes';

type Row = Record<string, unknown>;
type Groups = readonly (readonly Condition[])[];

// An application asks a repository a few dozen kinds of question; past this many shapes of one
// kind of statement, further shapes are built per call (and never prepared on PostgreSQL), so
// neither memory nor the server's prepared statements grow with the variety of calls.
const MAX_SHAPES = 64;

// An `in` list compiles to one placeholder per value, so each length is a shape of its own:
// short lists (a page of ids) are cached, longer ones are built per call, where building costs
// little beside the statement and would otherwise crowd the other shapes out.
const MAX_CACHED_IN = 16;

/** A resolved ordering: column plus direction. */
export interface OrderTerm {
  column: ColumnMetadata;
  direction: 'asc' | 'desc';
}

/**
 * The criteria statements of one repository (`select`, `count`, `exists`, `delete`, and the bulk
 * `update`), compiled once per shape: what changes their SQL (the conditions' columns, operators
 * and flags, an `in` list's length, the order terms, whether there is a limit or an offset, the
 * columns set) makes the key, and every value (criteria values, limit, offset, values set) is a
 * parameter. Building and compiling Kysely's query tree on each call cost about as much as an
 * embedded engine takes to answer a small query.
 */
export class CriteriaStatements {
  private readonly shapes = {
    select: new StatementShapes(MAX_SHAPES),
    count: new StatementShapes(MAX_SHAPES),
    exists: new StatementShapes(MAX_SHAPES),
    delete: new StatementShapes(MAX_SHAPES),
    update: new StatementShapes(MAX_SHAPES),
  };

  constructor(
    private readonly entity: EntityMetadata,
    private readonly database: Database,
  ) {}

  /** `select * … where … order by … [limit ?] [offset ?]`: the rows. */
  select(groups: Groups, order: readonly OrderTerm[], limit?: number, offset?: number): Promise<Row[]> {
    const { table } = this.entity;
    const { capabilities } = this.database;
    const parameters = conditionValues(groups, capabilities.dialect);
    if (limit !== undefined) parameters.push(limit);
    if (offset !== undefined) parameters.push(offset);
    let key = `${limit === undefined ? '' : 'l'}${offset === undefined ? '' : 'o'}\u0002`;
    for (const term of order) key += `${term.direction === 'asc' ? 'a' : 'd'}${term.column.name}\u0000`;
    key += `\u0002${conditionShape(groups)}`;
    return this.run(this.shapes.select, key, groups, parameters, rowsOf, (db, values) => {
      const next = valuesFrom(values);
      let query = db.selectFrom(table).selectAll();
      if (groups.length > 0) query = query.where(orSql(groups, capabilities, next));
      for (const term of order) query = query.orderBy(sql.ref(term.column.name), term.direction);
      if (limit !== undefined) query = query.limit(next() as number);
      if (offset !== undefined) query = query.offset(next() as number);
      return query;
    });
  }

  /** `select count(*) … where …`: the number of rows matching. */
  count(groups: Groups): Promise<number> {
    const { table } = this.entity;
    const { capabilities } = this.database;
    const parameters = conditionValues(groups, capabilities.dialect);
    return this.run(this.shapes.count, conditionShape(groups), groups, parameters, countOf, (db, values) => {
      const query = db.selectFrom(table).select(sql<unknown>`count(*)`.as('count'));
      return groups.length === 0 ? query : query.where(orSql(groups, capabilities, valuesFrom(values)));
    });
  }

  /** `select 1 … where … limit ?` (the limit is 1): whether a row matches. */
  exists(groups: Groups): Promise<boolean> {
    const { table } = this.entity;
    const { capabilities } = this.database;
    const parameters = conditionValues(groups, capabilities.dialect);
    parameters.push(1);
    return this.run(this.shapes.exists, conditionShape(groups), groups, parameters, anyRow, (db, values) => {
      const next = valuesFrom(values);
      let query = db.selectFrom(table).select(sql<number>`1`.as('one'));
      if (groups.length > 0) query = query.where(orSql(groups, capabilities, next));
      return query.limit(next() as number);
    });
  }

  /** `delete from … where …`: the number of rows deleted. */
  delete(groups: Groups): Promise<number> {
    const { table } = this.entity;
    const { capabilities } = this.database;
    const parameters = conditionValues(groups, capabilities.dialect);
    const key = conditionShape(groups);
    return this.run(this.shapes.delete, key, groups, parameters, affected, (db, values) => {
      const query = db.deleteFrom(table);
      return groups.length === 0 ? query : query.where(orSql(groups, capabilities, valuesFrom(values)));
    });
  }

  /**
   * `update … set … where …` with the values of `set` (column name → value, in that order), and
   * the `@Version` column incremented when the entity has one: the number of rows matched.
   */
  update(set: Row, groups: Groups): Promise<number> {
    const { table, version } = this.entity;
    const { capabilities } = this.database;
    const columns = Object.keys(set);
    const parameters = conditionValues(groups, capabilities.dialect, Object.values(set));
    const key = `${columns.join('\u0000')}\u0002${version ? 'v' : ''}\u0002${conditionShape(groups)}`;
    return this.run(this.shapes.update, key, groups, parameters, affected, (db, values) => {
      const next = valuesFrom(values);
      const assignments: Row = {};
      for (const name of columns) assignments[name] = next();
      // A raw increment, not a parameter: the same text serves every call.
      if (version) assignments[version.name] = sql`${sql.ref(version.name)} + 1`;
      return db
        .updateTable(table)
        .set(assignments)
        .where(orSql(groups, capabilities, next));
    });
  }

  /**
   * Runs the statement of this shape with `parameters`: compiled on the first call when the
   * shape is kept, a statement for this call alone when it is not (see StatementShapes). `build`
   * reads only the shape of the call's groups and order terms, and takes every value from the
   * parameters it is given: so the first call's builder serves every later call of its shape.
   */
  private run<R, M>(
    shapes: StatementShapes,
    key: string,
    groups: Groups,
    parameters: readonly unknown[],
    map: (result: QueryResult<R>) => M,
    build: BuildStatement,
  ): Promise<M> {
    const statement = cacheable(groups) ? shapes.statement(key, build) : oneOff(build);
    return statement.run(this.database, this.database.executor(), parameters, map);
  }
}

const rowsOf = (result: QueryResult<Row>): Row[] => result.rows;
const countOf = (result: QueryResult<{ count?: unknown }>): number => Number(result.rows[0]?.count ?? 0);
const anyRow = (result: QueryResult<unknown>): boolean => result.rows.length > 0;

function affected(result: QueryResult<unknown>): number {
  return Number(result.numAffectedRows ?? 0n);
}

function cacheable(groups: Groups): boolean {
  return groups.every((group) => group.every(shortLists));
}

function shortLists(condition: Condition): boolean {
  if (condition.kind === 'not') return shortLists(condition.inner);
  return condition.kind !== 'in' || condition.values.length <= MAX_CACHED_IN;
}
