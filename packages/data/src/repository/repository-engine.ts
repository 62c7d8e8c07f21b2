import { sql, type Kysely, type QueryResult } from 'kysely';
import type { Database } from '../connection/database';
import type { DynamicSchema } from '../connection/dynamic-schema';
import { OptimisticLockError } from '../errors/optimistic-lock.error';
import { emptyCriteria, entityNotFound, invalidSortDirection, invalidValue } from '../errors/query.errors';
import type { ColumnMetadata, EntityMetadata } from '../metadata/entity-metadata';
import type { Condition } from './condition';
import type { FindOptions, OrderBy } from './criteria';
import { CompiledStatement } from './compiled-statement';
import { CriteriaStatements, type OrderTerm } from './criteria-statements';
import { InsertStatements } from './insert-statements';
import { UpdateByIdStatements } from './update-statements';
import { columnFor, parseCriteria } from './criteria-parser';
import { assertPageable, Page, Slice, type PageQuery } from './page';
import { explainViolation, type WriteOperation } from './constraint-context';
import { rowToEntity } from './row-mapper';
import { toDatabase } from './value-codec';
import { outOfIntegerRange, validateValue } from './value-validator';
import { insertValues, patchValues } from './write-values';

type Row = Record<string, unknown>;

/**
 * The SQL behind one repository: every CrudRepository method and derived finder ends here. The
 * executor is looked up per call so a call inside a transaction joins it.
 */
export class RepositoryEngine<T extends object> {
  // The id column without its length (a string id's length is the database's business).
  private readonly idColumn: ColumnMetadata;
  private readonly byId: CompiledStatement;
  private readonly updates: UpdateByIdStatements;
  private readonly inserts: InsertStatements;
  private readonly criteria: CriteriaStatements;

  constructor(
    readonly entity: EntityMetadata,
    readonly database: Database,
  ) {
    this.idColumn = { ...entity.id, length: undefined };
    this.updates = new UpdateByIdStatements(entity);
    this.inserts = new InsertStatements(entity);
    this.criteria = new CriteriaStatements(entity, database);
    // The id is the primary key: at most one row, so no LIMIT (one parameter less to bind).
    this.byId = new CompiledStatement((db, [id]) =>
      db.selectFrom(entity.table).selectAll().where(sql.ref(entity.id.name), '=', id),
    );
  }

  private get dialect() {
    return this.database.capabilities.dialect;
  }
  executor(): Kysely<DynamicSchema> {
    return this.database.executor();
  }

  /** Criteria (or an OR-array of them) to condition groups. */
  whereGroups(where: object | readonly object[] | undefined, label: string): Condition[][] {
    if (where === undefined) return [];
    if (Array.isArray(where))
      return where.map((w: object, i) => parseCriteria(this.entity, w, `${label}[${i}]`));
    return [parseCriteria(this.entity, where, label)];
  }

  orderTerms(orderBy: OrderBy<T> | undefined): OrderTerm[] {
    if (orderBy === undefined) return [];
    return Object.entries(orderBy).map(([property, direction]) => {
      const column = columnFor(this.entity, property, 'orderBy');
      const normalized = typeof direction === 'string' ? direction.toLowerCase() : direction;
      if (normalized !== 'asc' && normalized !== 'desc')
        throw invalidSortDirection(this.entity.name, property, direction);
      return { column, direction: normalized };
    });
  }

  async select(
    groups: readonly (readonly Condition[])[],
    order: readonly OrderTerm[],
    limit?: number,
    offset?: number,
  ): Promise<T[]> {
    const rows = await this.criteria.select(
      groups,
      order,
      limit === undefined ? undefined : assertCount('limit', limit),
      offset !== undefined && offset > 0 ? assertCount('offset', offset) : undefined,
    );
    return rows.map((row) => rowToEntity<T>(this.entity, row, this.dialect));
  }

  find(options: FindOptions<T> = {}, label = 'where'): Promise<T[]> {
    return this.select(
      this.whereGroups(options.where, label),
      this.orderTerms(options.orderBy),
      options.limit,
      options.offset,
    );
  }

  // Lookups by id follow Spring: an id no row can have (an integer beyond the column's range) is
  // absent, where a write or a criteria value with it is an error.

  findById(id: unknown): Promise<T | null> {
    try {
      if (this.unreachableId(id)) return Promise.resolve(null);
      this.checkId(id);
      const parameters = [toDatabase(this.entity.id, id, this.dialect)];
      return this.byId.run<Row, T | null>(this.database, this.executor(), parameters, ({ rows }) =>
        rows.length === 0 ? null : rowToEntity<T>(this.entity, rows[0]!, this.dialect),
      );
    } catch (error) {
      return Promise.reject(error as Error);
    }
  }

  async existsById(id: unknown): Promise<boolean> {
    if (this.unreachableId(id)) return false;
    return this.existsWhere([[this.idCondition(id)]]);
  }

  async findAllById(ids: readonly unknown[]): Promise<T[]> {
    const reachable = ids.filter((id) => !this.unreachableId(id));
    reachable.forEach((id) => this.checkId(id));
    if (reachable.length === 0) return [];
    return this.select(
      [[{ kind: 'in', column: this.entity.id, values: reachable, negate: false, ignoreCase: false }]],
      [],
    );
  }

  async countWhere(groups: readonly (readonly Condition[])[]): Promise<number> {
    return this.criteria.count(groups);
  }

  async existsWhere(groups: readonly (readonly Condition[])[]): Promise<boolean> {
    return this.criteria.exists(groups);
  }

  /**
   * A page and its total, consistent with each other where that is cheap: inside a transaction,
   * and on single-connection engines (a transaction there costs no round trip, and holds the
   * connection so no other writer runs between the two statements), the select runs first and
   * the count only when the content does not already tell the total (Spring's rule: a partial
   * page, or an empty first page). On pooled engines outside a transaction both run at once on
   * two connections; the total is then corrected to agree with the content.
   */
  async page(query: PageQuery<T>): Promise<Page<T>> {
    assertPageable(query);
    const groups = this.whereGroups(query.where, 'where');
    const order = this.orderTerms(query.orderBy);
    const offset = query.page * query.size;
    const known = (rows: number) =>
      rows < query.size && (rows > 0 || offset === 0) ? offset + rows : undefined;
    const { transactions, capabilities } = this.database;
    const inOrder = async () => {
      const content = await this.select(groups, order, query.size, offset);
      const total = known(content.length) ?? (await this.countWhere(groups));
      return new Page(content, total, query.page, query.size);
    };
    // Not run() inside a transaction: a joined call that fails would mark it rollback-only.
    if (transactions.inTransaction) return inOrder();
    if (capabilities.singleConnection) return transactions.run(inOrder);
    const [content, counted] = await Promise.all([
      this.select(groups, order, query.size, offset),
      this.countWhere(groups),
    ]);
    // A row written between the two statements may make them disagree: the content wins.
    const total =
      known(content.length) ?? (content.length > 0 ? Math.max(counted, offset + content.length) : counted);
    return new Page(content, total, query.page, query.size);
  }

  async slice(query: PageQuery<T>): Promise<Slice<T>> {
    assertPageable(query);
    const rows = await this.select(
      this.whereGroups(query.where, 'where'),
      this.orderTerms(query.orderBy),
      query.size + 1,
      query.page * query.size,
    );
    return new Slice(rows.slice(0, query.size), query.page, query.size, rows.length > query.size);
  }

  async deleteWhere(groups: readonly (readonly Condition[])[]): Promise<number> {
    return this.write('delete', () => this.criteria.delete(groups));
  }

  async delete(where: object | readonly object[], label = 'delete'): Promise<number> {
    const groups = this.whereGroups(where, label);
    if (groups.length === 0 || groups.some((g) => g.length === 0)) {
      throw emptyCriteria(this.entity.name, `${label}()`, 'deleteAll()');
    }
    return this.deleteWhere(groups);
  }

  async deleteById(id: unknown): Promise<boolean> {
    if (this.unreachableId(id)) return false;
    return (await this.deleteWhere([[this.idCondition(id)]])) > 0;
  }

  /** Bulk update; increments `@Version` and sets `@LastModifiedDate` / `@LastModifiedBy`. */
  async update(where: object | readonly object[], patch: object): Promise<number> {
    const groups = this.whereGroups(where, 'update');
    if (groups.length === 0 || groups.some((g) => g.length === 0)) {
      throw emptyCriteria(this.entity.name, 'update()', 'update with an explicit condition');
    }
    const values = patchValues(this.entity, patch, this.dialect);
    await this.auditUpdate(values);
    if (Object.keys(values).length === 0 && !this.entity.version) return 0;
    return this.write('update', () => this.criteria.update(values, groups));
  }

  // Not async (nor is write()): the promise of insert/updateEntity is passed on as it is.
  save(input: object): Promise<T> {
    const { entity } = this;
    const target =
      input instanceof entity.target
        ? (input as Row)
        : (Object.assign(Object.create(entity.target.prototype as object), input) as Row);
    const id = target[entity.id.property];
    const isNew = entity.version ? target[entity.version.property] == null : id == null;
    return isNew ? this.insert(target) : this.updateEntity(target);
  }

  private async insert(target: Row): Promise<T> {
    const { entity } = this;
    const auditor =
      entity.createdBy || entity.lastModifiedBy
        ? await this.database.auditor?.getCurrentAuditor()
        : undefined;
    const values = insertValues(entity, target, auditor, this.dialect);
    const returning = this.database.capabilities.returning;
    const result = await this.write('insert', () =>
      this.inserts.run(this.database, this.executor(), values, returning),
    );
    if (returning) {
      const row = result.rows[0];
      if (row === undefined) throw new Error(`insert into ${entity.table} returned no row`);
      return Object.assign(target, rowToEntity<T>(entity, row, this.dialect)) as T;
    }
    const id =
      target[entity.id.property] ??
      (entity.id.generated === 'identity' ? Number(result.insertId) : undefined);
    return this.reload(target, id);
  }

  private async updateEntity(target: Row): Promise<T> {
    const { entity } = this;
    const id = target[entity.id.property];
    this.checkId(id);
    const values: Row = {};
    if (entity.lastModifiedDate) target[entity.lastModifiedDate.property] = new Date();
    if (entity.lastModifiedBy)
      target[entity.lastModifiedBy.property] = (await this.database.auditor?.getCurrentAuditor()) ?? null;
    for (const column of entity.columns) {
      const value = target[column.property];
      if (value === undefined || column.role === 'id' || column.role === 'version') continue;
      if (column.role === 'createdDate' || column.role === 'createdBy') continue;
      validateValue(entity, column, value);
      values[column.name] = toDatabase(column, value, this.dialect);
    }
    const { version } = entity;
    const expected = version ? target[version.property] : undefined;
    if (version) {
      validateValue(entity, version, expected);
      values[version.name] = (expected as number) + 1;
    }
    const columns = Object.keys(values);
    const parameters = [...Object.values(values), toDatabase(entity.id, id, this.dialect)];
    if (version) parameters.push(expected);
    const executor = this.executor();
    const readBack = this.updates.needsReadBack(target, columns);
    const returning = readBack && this.database.capabilities.returning;
    const result = await this.write('update', () =>
      this.updates
        .statement(columns, returning)
        .run<Row, QueryResult<Row>>(this.database, executor, parameters, (r) => r),
    );
    if (returning) {
      const row = result.rows[0];
      if (row !== undefined)
        return Object.assign(target, rowToEntity<T>(entity, row as Row, this.dialect)) as T;
    } else if (Number(result.numAffectedRows ?? 0) > 0) {
      if (readBack) return this.reload(target, id);
      if (version) target[version.property] = (expected as number) + 1;
      return target as T;
    }
    if (version) throw new OptimisticLockError(entity.name, id, expected);
    // An application-assigned id that is not there yet: Spring's merge inserts it.
    if (entity.id.generated === undefined) return this.insert(target);
    throw entityNotFound(entity.name, id);
  }

  private async reload(target: Row, id: unknown): Promise<T> {
    const fresh = await this.findById(id);
    if (fresh === null) throw entityNotFound(this.entity.name, id);
    return Object.assign(target, fresh) as T;
  }

  private async auditUpdate(values: Row): Promise<void> {
    const { lastModifiedDate, lastModifiedBy } = this.entity;
    if (lastModifiedDate)
      values[lastModifiedDate.name] = toDatabase(lastModifiedDate, new Date(), this.dialect);
    if (lastModifiedBy) {
      values[lastModifiedBy.name] = toDatabase(
        lastModifiedBy,
        (await this.database.auditor?.getCurrentAuditor()) ?? null,
        this.dialect,
      );
    }
  }

  /** Runs one write, completing a constraint violation with what this entity knows. */
  private write<R>(operation: WriteOperation, run: () => Promise<R>): Promise<R> {
    const explain = (error: unknown): never => {
      throw explainViolation(error, this.entity, operation);
    };
    try {
      return run().then(undefined, explain);
    } catch (error) {
      return Promise.reject(error as Error).then(undefined, explain);
    }
  }

  idCondition(id: unknown): Condition {
    this.checkId(id);
    return { kind: 'compare', column: this.entity.id, op: '=', value: id, ignoreCase: false };
  }

  /** An id of the right type that no row can hold (outside the integer column's range). */
  private unreachableId(id: unknown): boolean {
    return outOfIntegerRange(this.entity.id, id);
  }

  private checkId(id: unknown): void {
    if (id === undefined || id === null) {
      throw invalidValue(this.entity.name, this.entity.id.property, `an id is required, got ${String(id)}`);
    }
    validateValue(this.entity, this.idColumn, id);
  }
}

function assertCount(name: string, value: number): number {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw invalidValue('query', name, `expected a non-negative integer, got ${String(value)}`);
  }
  return value;
}
