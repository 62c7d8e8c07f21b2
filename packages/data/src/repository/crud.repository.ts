import { Inject } from '@tenon/core';
import type { Kysely } from 'kysely';
import { Database } from '../connection/database';
import type { DynamicSchema } from '../connection/dynamic-schema';
import { repositoryEntity } from '../decorators/repository.decorator';
import { notARepository, repositoryNotBound } from '../errors/entity.errors';
import { executeDerivedQuery } from '../finders/derived-query.executor';
import { parseDerivedQuery } from '../finders/derived-query.parser';
import type { DerivedFinder, ValidDerivedName } from '../finders/derived-query.types';
import type { EntityMetadata } from '../metadata/entity-metadata';
import { getEntityMetadata } from '../metadata/entity-metadata.registry';
import type { Criteria, FindOptions } from './criteria';
import type { EntityInput, EntityPatch } from './entity-types';
import type { Page, PageQuery, Slice } from './page';
import { BIND_DATABASE } from './repository-binding';
import { loadRelation } from './relation-loader';
import { RepositoryEngine } from './repository-engine';

/** The relation properties of `T` (those holding an entity or a list of entities). */
export type RelationKeys<T> = {
  [K in keyof T]-?: NonNullable<T[K]> extends Date | Uint8Array
    ? never
    : NonNullable<T[K]> extends object
      ? NonNullable<T[K]> extends (...args: never[]) => unknown
        ? never
        : K
      : never;
}[keyof T] &
  string;

/**
 * Spring Data-style repository of entity `T` with id type `ID`. Subclass it, decorate the
 * subclass with `@Repository(Entity)`, and register it with `DataModule.forFeature([...])`.
 * Every method takes its executor from the current transaction, if any.
 *
 * @example
 * @Repository(Todo)
 * export class TodoRepository extends CrudRepository<Todo, number> {
 *   findOpen(page: Pageable) {
 *     return this.findPage({ where: { done: false }, orderBy: { createdAt: 'desc' }, ...page });
 *   }
 *   findByTitleContainingAndDone = this.derive('findByTitleContainingAndDone');
 * }
 */
export abstract class CrudRepository<T extends object, ID = unknown> {
  /** Injected after construction (property injection); set by `database.repository()` otherwise. */
  @Inject(Database) protected readonly database!: Database;

  /** The entity's metadata; available in the constructor (derived finders need it there). */
  protected readonly metadata: EntityMetadata;
  private cachedEngine: RepositoryEngine<T> | undefined;

  constructor() {
    const name = new.target.name;
    const entity = repositoryEntity(new.target);
    if (entity === undefined) throw notARepository(name);
    this.metadata = getEntityMetadata(entity, name);
  }

  /** @internal */
  [BIND_DATABASE](database: Database): void {
    Object.defineProperty(this, 'database', {
      value: database,
      writable: true,
      configurable: true,
      enumerable: true,
    });
  }

  private get engine(): RepositoryEngine<T> {
    const database = this.database as Database | undefined;
    if (database === undefined) throw repositoryNotBound(this.constructor.name);
    if (this.cachedEngine?.database !== database)
      this.cachedEngine = new RepositoryEngine<T>(this.metadata, database);
    return this.cachedEngine;
  }

  /**
   * The entity with this id, or null. An id no row can have (an integer outside the column's
   * range) is null too, as in Spring Data; `existsById`, `findAllById` and `deleteById` agree.
   */
  findById(id: ID): Promise<T | null> {
    // Not async: the hottest call passes the engine's promise on as it is (an async wrapper
    // would add a promise and microtasks per lookup); a failure is still a rejection.
    try {
      return this.engine.findById(id);
    } catch (error) {
      return Promise.reject(error as Error);
    }
  }

  /** The entities with these ids (missing ones are skipped; order not guaranteed). */
  async findAllById(ids: readonly ID[]): Promise<T[]> {
    return this.engine.findAllById(ids);
  }

  /** @example await repo.findAll({ where: { done: false }, orderBy: { id: 'asc' }, limit: 10 }) */
  async findAll(options: FindOptions<T> = {}): Promise<T[]> {
    return this.engine.find(options);
  }

  /** The first entity matching `where`, or null. @example await users.findOne({ email }) */
  async findOne(where: Criteria<T>): Promise<T | null> {
    return (await this.engine.find({ where, limit: 1 }, 'findOne'))[0] ?? null;
  }

  /** @example await users.findBy({ status: In(['a', 'b']) }, { orderBy: { name: 'asc' } }) */
  async findBy(
    criteria: Criteria<T> | readonly Criteria<T>[],
    options: Omit<FindOptions<T>, 'where'> = {},
  ): Promise<T[]> {
    return this.engine.find({ ...options, where: criteria }, 'findBy');
  }

  /** A page plus the total count. @example await repo.findPage({ page: 0, size: 20, where: { done: false } }) */
  async findPage(query: PageQuery<T>): Promise<Page<T>> {
    return this.engine.page(query);
  }

  /** A page without counting: `hasNext` tells whether more follow. */
  async findSlice(query: PageQuery<T>): Promise<Slice<T>> {
    return this.engine.slice(query);
  }

  /** @example await repo.count({ done: true }) */
  async count(where?: Criteria<T> | readonly Criteria<T>[]): Promise<number> {
    return this.engine.countWhere(this.engine.whereGroups(where, 'count'));
  }

  /** @example await users.exists({ email }) */
  async exists(where: Criteria<T> | readonly Criteria<T>[]): Promise<boolean> {
    return this.engine.existsWhere(this.engine.whereGroups(where, 'exists'));
  }

  /** True when a row has this id. */
  async existsById(id: ID): Promise<boolean> {
    return this.engine.existsById(id);
  }

  /**
   * Inserts or updates, by Spring's rule: an entity with a `@Version` property is new when the
   * version is null/undefined; otherwise when the id is. Updates write the defined properties
   * only; with `@Version` they check and increment it, throwing `OptimisticLockError` when the
   * row changed. Returns the entity with generated and audit values filled in.
   *
   * @example
   * const todo = await todos.save({ title: 'x' });
   * todo.done = true;
   * await todos.save(todo);
   */
  save(entity: EntityInput<T>): Promise<T> {
    // Not async, as findById.
    try {
      return this.engine.save(entity);
    } catch (error) {
      return Promise.reject(error as Error);
    }
  }

  /** Saves each entity, in one transaction (joined if one is open). */
  async saveAll(entities: readonly EntityInput<T>[]): Promise<T[]> {
    return this.engine.database.transactions.run(async () => {
      const saved: T[] = [];
      for (const entity of entities) saved.push(await this.engine.save(entity));
      return saved;
    });
  }

  /**
   * Sets columns on every row matching `where`; returns the number of rows. Bumps `@Version`
   * and `@LastModifiedDate`. Empty criteria are refused.
   *
   * @example await todos.update({ done: false, createdAt: Lt(cutoff) }, { done: true })
   */
  async update(where: Criteria<T> | readonly Criteria<T>[], patch: EntityPatch<T>): Promise<number> {
    return this.engine.update(where, patch);
  }

  /** True when a row was deleted. */
  async deleteById(id: ID): Promise<boolean> {
    return this.engine.deleteById(id);
  }

  /** Deletes the rows matching `where` (empty criteria are refused: use deleteAll). */
  async delete(where: Criteria<T> | readonly Criteria<T>[]): Promise<number> {
    return this.engine.delete(where);
  }

  /** Deletes every row; returns how many. */
  async deleteAll(): Promise<number> {
    return this.engine.deleteWhere([]);
  }

  /**
   * Fills `relation` on every entity of the list with one query.
   * @example const posts = await postRepo.findAll(); await postRepo.load(posts, 'author');
   */
  async load(entities: readonly T[], relation: RelationKeys<T>): Promise<void> {
    return loadRelation(this.metadata, this.engine.database, entities, relation);
  }

  /**
   * A Kysely query builder bound to the current transaction (or the root connection), for what
   * criteria and derived finders do not cover. Values in Kysely queries are always parameters.
   *
   * @example
   * return this.query().selectFrom('todos').select(sql<number>`count(*)`.as('n')).groupBy('done').execute();
   */
  protected query(): Kysely<DynamicSchema> {
    return this.engine.executor();
  }

  /** The table of the entity, for `this.query()`. */
  protected get table(): string {
    return this.metadata.table;
  }

  /**
   * A finder computed from its name, Spring Data style. The name is parsed now (at construction,
   * so at boot); its parameters and result are typed from the name, and a misspelt property is
   * a compile error as well as a boot error.
   *
   * @example
   * findByTitleContainingAndDone = this.derive('findByTitleContainingAndDone');
   * // (text: string, done: boolean | null) => Promise<Todo[]>
   */
  protected derive<N extends string>(name: N & ValidDerivedName<T, N>): DerivedFinder<T, N> {
    const repository = this.constructor.name;
    const plan = parseDerivedQuery(repository, name, this.metadata);
    const finder = async (...args: unknown[]) =>
      executeDerivedQuery(repository, plan, this.engine as unknown as RepositoryEngine<object>, args);
    Object.defineProperty(finder, 'name', { value: name });
    return finder as unknown as DerivedFinder<T, N>;
  }
}
