import 'reflect-metadata';
import {
  Between,
  DataError,
  EntityNotFoundError,
  Gt,
  Gte,
  ILike,
  In,
  IsNull,
  Like,
  Lt,
  Lte,
  Not,
  OptimisticLockError,
  Page,
  Slice,
  type Database,
  type DialectCapabilities,
} from '@tenon/data';
import { DefaultQueryCompiler, sql } from 'kysely';
import {
  Author,
  AuthorRepository,
  BookRepository,
  Post,
  PostRepository,
  Todo,
  TodoRepository,
} from '../support/fixtures';

/** Deletes every row, children first, so each test starts empty without a new engine. */
export async function truncateAll(database: Database): Promise<void> {
  for (const table of ['posts', 'authors', 'todos', 'accounts', 'books', 'members']) {
    await database.kysely.deleteFrom(table).execute();
  }
}

async function expectCode(
  promise: Promise<unknown> | (() => unknown),
  code: string,
  message?: string,
): Promise<DataError> {
  let error: unknown;
  try {
    await (typeof promise === 'function' ? promise() : promise);
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(DataError);
  expect((error as DataError).code).toBe(code);
  if (message !== undefined) expect((error as DataError).message).toBe(message);
  return error as DataError;
}

/** What the contract suites share for one dialect: one database per test file. */
export interface ContractContext {
  /** Known when the suite is defined (they depend on the dialect only): skips are decided then. */
  capabilities: DialectCapabilities;
  database: Database;
  /** SQL of every statement since the last reset. */
  queries: string[];
  auditor: string;
}

/**
 * The repository contract: one suite, run unchanged on every dialect (see the *.contract.spec.ts
 * files). Dialect differences are expressed through `database.capabilities`, never `if (name)`.
 */
export function repositoryContract(ctx: ContractContext): void {
  describe('repository', () => {
    let database: Database;
    let todos: TodoRepository;
    let authors: AuthorRepository;
    let posts: PostRepository;
    let books: BookRepository;
    const queries = ctx.queries;

    beforeAll(() => {
      database = ctx.database;
      todos = database.repository(TodoRepository);
      authors = database.repository(AuthorRepository);
      posts = database.repository(PostRepository);
      books = database.repository(BookRepository);
    });

    beforeEach(async () => {
      await truncateAll(database);
      queries.length = 0;
      ctx.auditor = 'alice';
    });

    describe('save and read', () => {
      it('inserts with generated id, defaults, audit columns and version 0', async () => {
        const before = Date.now();
        const saved = await todos.save({ title: 'write docs', tags: ['a', 'b'] });
        expect(saved).toBeInstanceOf(Todo);
        expect(typeof saved.id).toBe('number');
        expect(saved.done).toBe(false);
        expect(saved.version).toBe(0);
        expect(saved.createdBy).toBe('alice');
        expect(saved.updatedBy).toBe('alice');
        expect(saved.createdAt).toBeInstanceOf(Date);
        expect(saved.createdAt.getTime()).toBeGreaterThanOrEqual(before - 1000);
        expect(saved.updatedAt.getTime()).toBe(saved.createdAt.getTime());

        const found = await todos.findById(saved.id);
        expect(found).toBeInstanceOf(Todo);
        expect(found!.label()).toBe('write docs');
        expect(found).toEqual(
          expect.objectContaining({
            title: 'write docs',
            done: false,
            priority: null,
            tags: ['a', 'b'],
            version: 0,
          }),
        );
        expect(found!.createdAt.getTime()).toBe(saved.createdAt.getTime());
        expect(await todos.findById(saved.id + 1000)).toBeNull();
      });

      it('updates an existing entity, incrementing the version and the modification audit', async () => {
        const saved = await todos.save({ title: 'draft' });
        ctx.auditor = 'bob';
        await new Promise((r) => setTimeout(r, 5));
        saved.done = true;
        const updated = await todos.save(saved);
        expect(updated).toBe(saved);
        expect(updated.version).toBe(1);
        expect(updated.updatedBy).toBe('bob');
        expect(updated.createdBy).toBe('alice');
        expect(updated.updatedAt.getTime()).toBeGreaterThan(updated.createdAt.getTime());
        const found = await todos.findById(saved.id);
        expect(found).toEqual(
          expect.objectContaining({ done: true, version: 1, createdBy: 'alice', updatedBy: 'bob' }),
        );
        expect(await todos.count()).toBe(1);
      });

      it('throws OptimisticLockError (409) when a stale version is saved', async () => {
        const saved = await todos.save({ title: 'shared' });
        const first = (await todos.findById(saved.id))!;
        const second = (await todos.findById(saved.id))!;
        first.title = 'first';
        await todos.save(first);
        second.title = 'second';
        const error = await todos.save(second).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(OptimisticLockError);
        expect((error as OptimisticLockError).status).toBe(409);
        expect((error as OptimisticLockError).code).toBe('TENON_DATA_OPTIMISTIC_LOCK');
        expect((error as Error).message).toBe(
          `Todo with id ${saved.id} was changed or deleted by another transaction since it was read (expected version 0). ` +
            'Reload the entity and apply the change again, or retry the whole transaction.',
        );
        expect((await todos.findById(saved.id))!.title).toBe('first');
      });

      it('generates uuids, and inserts an application-assigned id on first save then updates it', async () => {
        const author = await authors.save({ name: 'Ann' });
        const post = await posts.save({ title: 'Hello', authorId: author.id });
        expect(post.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
        expect(await posts.findById(post.id)).toEqual(
          expect.objectContaining({ title: 'Hello', authorId: author.id }),
        );

        await books.save({ isbn: '978-0', title: 'First', price: '12.50', published: '2024-02-29' });
        await books.save({ isbn: '978-0', title: 'Second' });
        expect(await books.count()).toBe(1);
        expect(await books.findById('978-0')).toEqual(
          expect.objectContaining({ title: 'Second', price: '12.50', published: '2024-02-29' }),
        );
      });

      it('refuses to update a generated id that does not exist', async () => {
        await expectCode(
          authors.save({ id: 424242, name: 'ghost' }),
          'TENON_DATA_ENTITY_NOT_FOUND',
          'save() found no Author with id 424242 to update: it was deleted, or the id was set by hand on a generated key. Leave the id empty to insert a new row.',
        );
      });

      it('save() of an entity deleted since it was read is a 404 (EntityNotFoundError), not a 500', async () => {
        const author = await authors.save({ name: 'read, then deleted' });
        await authors.deleteById(author.id);
        author.name = 'renamed';
        const error = await expectCode(authors.save(author), 'TENON_DATA_ENTITY_NOT_FOUND');
        expect(error).toBeInstanceOf(EntityNotFoundError);
        expect(error).toMatchObject({
          status: 404,
          entity: 'Author',
          id: author.id,
          clientMessage: 'The resource does not exist: it may have just been deleted.',
        });
      });

      it('saveAll saves every entity in one transaction', async () => {
        const saved = await todos.saveAll([{ title: 'a' }, { title: 'b' }]);
        expect(saved.map((t) => t.title)).toEqual(['a', 'b']);
        await expect(todos.saveAll([{ title: 'c' }, { title: 'x'.repeat(51) }])).rejects.toMatchObject({
          code: 'TENON_DATA_VALUE_TOO_LONG',
        });
        expect(await todos.count()).toBe(2);
      });
    });

    describe('criteria', () => {
      beforeEach(async () => {
        await todos.saveAll([
          { title: 'Alpha', priority: 1 },
          { title: 'beta', priority: 2, done: true },
          { title: 'Gamma', priority: 3 },
          { title: 'delta 100%', priority: null, done: true },
        ]);
      });

      const titles = (list: Todo[]) => list.map((t) => t.title).sort();

      it('filters with every operator', async () => {
        expect(titles(await todos.findBy({ done: true }))).toEqual(['beta', 'delta 100%']);
        expect(titles(await todos.findBy({ priority: In([1, 3]) }))).toEqual(['Alpha', 'Gamma']);
        expect(await todos.findBy({ priority: In([]) })).toEqual([]);
        expect(titles(await todos.findBy({ title: Not('Alpha') }))).toEqual(['Gamma', 'beta', 'delta 100%']);
        expect(titles(await todos.findBy({ priority: Not(In([1, 2])) }))).toEqual(['Gamma']);
        expect(titles(await todos.findBy({ priority: Gt(1) }))).toEqual(['Gamma', 'beta']);
        expect(titles(await todos.findBy({ priority: Gte(2) }))).toEqual(['Gamma', 'beta']);
        expect(titles(await todos.findBy({ priority: Lt(2) }))).toEqual(['Alpha']);
        expect(titles(await todos.findBy({ priority: Lte(2) }))).toEqual(['Alpha', 'beta']);
        expect(titles(await todos.findBy({ priority: Between(2, 3) }))).toEqual(['Gamma', 'beta']);
        expect(titles(await todos.findBy({ title: Like('%ta%') }))).toEqual(['beta', 'delta 100%']);
        expect(titles(await todos.findBy({ title: ILike('ALPHA') }))).toEqual(['Alpha']);
        expect(titles(await todos.findBy({ priority: IsNull() }))).toEqual(['delta 100%']);
        expect(titles(await todos.findBy({ priority: null }))).toEqual(['delta 100%']);
        expect(titles(await todos.findBy({ priority: Not(null) }))).toEqual(['Alpha', 'Gamma', 'beta']);
        expect(titles(await todos.findBy([{ title: 'Alpha' }, { priority: 3 }]))).toEqual(['Alpha', 'Gamma']);
        expect(titles(await todos.findBy({ done: false, priority: Gt(1) }))).toEqual(['Gamma']);
      });

      it('orders, limits and offsets by known columns only', async () => {
        const ordered = await todos.findAll({
          orderBy: { done: 'asc', priority: 'desc' },
          where: { priority: Not(null) },
        });
        expect(ordered.map((t) => t.title)).toEqual(['Gamma', 'Alpha', 'beta']);
        const page = await todos.findAll({
          orderBy: { priority: 'ASC' },
          where: { priority: Not(null) },
          limit: 1,
          offset: 1,
        });
        expect(page.map((t) => t.title)).toEqual(['beta']);
      });

      it('findOne, count, exists, existsById, findAllById', async () => {
        expect((await todos.findOne({ title: 'Gamma' }))!.priority).toBe(3);
        expect(await todos.findOne({ title: 'nope' })).toBeNull();
        expect(await todos.count({ done: true })).toBe(2);
        expect(await todos.count()).toBe(4);
        expect(await todos.exists({ title: 'beta' })).toBe(true);
        expect(await todos.exists({ title: 'zeta' })).toBe(false);
        const alpha = (await todos.findOne({ title: 'Alpha' }))!;
        expect(await todos.existsById(alpha.id)).toBe(true);
        expect(await todos.existsById(alpha.id + 999)).toBe(false);
        expect(titles(await todos.findAllById([alpha.id, alpha.id + 999]))).toEqual(['Alpha']);
      });

      it('pages and slices', async () => {
        const page = await todos.findPage({ page: 1, size: 3, orderBy: { title: 'asc' } });
        expect(page).toBeInstanceOf(Page);
        expect(page.total).toBe(4);
        expect(page.totalPages).toBe(2);
        expect(page.content).toHaveLength(1);
        expect(page.hasNext).toBe(false);
        expect(page.hasPrevious).toBe(true);
        const filtered = await todos.findPage({
          page: 0,
          size: 1,
          where: { done: true },
          orderBy: { title: 'asc' },
        });
        expect(filtered.toJSON()).toEqual({
          content: [expect.objectContaining({ title: 'beta' })],
          total: 2,
          page: 0,
          size: 1,
          totalPages: 2,
        });
        const slice = await todos.findSlice({ page: 0, size: 3, orderBy: { priority: 'asc' } });
        expect(slice).toBeInstanceOf(Slice);
        expect(slice.content).toHaveLength(3);
        expect(slice.hasNext).toBe(true);
        expect((await todos.findSlice({ page: 1, size: 3 })).hasNext).toBe(false);
        await expectCode(
          todos.findPage({ page: -1, size: 10 }),
          'TENON_DATA_INVALID_PAGEABLE',
          'Invalid page request: page is -1. page is a 0-based integer >= 0 and size an integer from 1 to 10000.',
        );
        await expectCode(todos.findSlice({ page: 0, size: 0 }), 'TENON_DATA_INVALID_PAGEABLE');
      });

      it('updates and deletes by criteria', async () => {
        const beta = (await todos.findOne({ title: 'beta' }))!;
        expect(await todos.update({ done: true }, { priority: 9 })).toBe(2);
        const after = (await todos.findById(beta.id))!;
        expect(after.priority).toBe(9);
        expect(after.version).toBe(beta.version + 1);
        expect(await todos.delete({ priority: 9 })).toBe(2);
        expect(await todos.deleteById(after.id)).toBe(false);
        const alpha = (await todos.findOne({ title: 'Alpha' }))!;
        expect(await todos.deleteById(alpha.id)).toBe(true);
        await expectCode(
          todos.delete({}),
          'TENON_DATA_EMPTY_CRITERIA',
          'delete() on Todo was called with empty criteria, which would affect every row. Pass at least one condition, or call deleteAll() to mean every row.',
        );
        await expectCode(todos.update({}, { done: true }), 'TENON_DATA_EMPTY_CRITERIA');
        await expectCode(
          todos.update({ done: false }, { version: 3 } as never),
          'TENON_DATA_INVALID_VALUE',
          'Invalid value for Todo.version: it is managed by the repository (version) and cannot be patched.',
        );
        expect(await todos.deleteAll()).toBe(1);
      });
    });

    describe('bad input', () => {
      it('rejects undefined in criteria instead of matching everything', async () => {
        await todos.save({ title: 'keep' });
        const title: string | undefined = undefined;
        await expectCode(
          todos.findBy({ title }),
          'TENON_DATA_UNDEFINED_CRITERIA',
          'The findBy criteria for Todo has "title: undefined". An undefined value never means "match all" (that would turn a missing input into a query over every row). Remove the key to not filter on it, or pass null (or IsNull()) to match NULL.',
        );
        await expectCode(todos.delete({ title }), 'TENON_DATA_UNDEFINED_CRITERIA');
        await expectCode(todos.count({ title: Not(undefined as never) }), 'TENON_DATA_UNDEFINED_CRITERIA');
        await expectCode(todos.findByTitle(undefined as never), 'TENON_DATA_UNDEFINED_CRITERIA');
        expect(await todos.count()).toBe(1);
      });

      it('rejects unknown columns in where and orderBy', async () => {
        await expectCode(
          todos.findBy({ titel: 'x' } as never),
          'TENON_DATA_UNKNOWN_COLUMN',
          'Todo has no column "titel" (used in findBy). Did you mean "title"? Its columns are: id, title, done, priority, tags, createdAt, updatedAt, createdBy, updatedBy, version.',
        );
        await expectCode(
          todos.findAll({ orderBy: { nope: 'asc' } as never }),
          'TENON_DATA_UNKNOWN_COLUMN',
          'Todo has no column "nope" (used in orderBy). Its columns are: id, title, done, priority, tags, createdAt, updatedAt, createdBy, updatedBy, version.',
        );
        await expectCode(
          todos.findAll({ orderBy: { title: 'sideways' } as never }),
          'TENON_DATA_INVALID_SORT_DIRECTION',
          `orderBy for Todo.title is "sideways"; it must be 'asc' or 'desc'.`,
        );
      });

      it('binds SQL metacharacters as values and refuses them as orderBy keys', async () => {
        const evil = "'; DROP TABLE todos; --";
        const saved = await todos.save({ title: evil });
        expect((await todos.findOne({ title: evil }))!.id).toBe(saved.id);
        expect(await todos.findBy({ title: Like(`%DROP TABLE%`) })).toHaveLength(1);
        expect(await todos.findByTitleContainingAndDone("'; DROP", false)).toHaveLength(1);
        await expectCode(
          todos.findAll({ orderBy: { [`title; DROP TABLE todos; --`]: 'asc' } as never }),
          'TENON_DATA_UNKNOWN_COLUMN',
        );
        await expectCode(
          todos.findAll({ orderBy: { title: `asc; DROP TABLE todos` } as never }),
          'TENON_DATA_INVALID_SORT_DIRECTION',
        );
        // The table is still there, with its row.
        expect(await todos.count()).toBe(1);
        const tables = await database.kysely.introspection.getTables();
        expect(tables.map((t) => t.name)).toContain('todos');
      });

      it('rejects values of the wrong type and strings over the column length', async () => {
        await expectCode(
          todos.save({ title: 123 as never }),
          'TENON_DATA_INVALID_VALUE',
          'Invalid value for Todo.title: expected a string, got number 123.',
        );
        await expectCode(
          todos.save({ title: 'ok', priority: 1.5 }),
          'TENON_DATA_INVALID_VALUE',
          'Invalid value for Todo.priority: expected an integer, got number 1.5.',
        );
        await expectCode(
          todos.save({ title: null as never }),
          'TENON_DATA_INVALID_VALUE',
          'Invalid value for Todo.title: the column is not nullable, got null.',
        );
        await expectCode(
          todos.findBy({ priority: 'high' as never }),
          'TENON_DATA_INVALID_VALUE',
          'Invalid value for Todo.priority: expected an integer, got string "high".',
        );
        await expectCode(
          todos.save({ title: 'x'.repeat(51) }),
          'TENON_DATA_VALUE_TOO_LONG',
          "The value for Todo.title has 51 characters; the column holds at most 50. Validate the input's length (e.g. @Length(1, 50) on the DTO) or widen the column.",
        );
        await expectCode(todos.findById('1' as never), 'TENON_DATA_INVALID_VALUE');
        await expectCode(
          todos.save({ title: 'nul\u0000byte' }),
          'TENON_DATA_INVALID_VALUE',
          'Invalid value for Todo.title: expected a string without the NUL character (\\u0000), got string "nul\\u0000byte".',
        );
        // A client's bad value, not a server fault: the HTTP layer answers 422.
        await expect(todos.save({ title: 'x'.repeat(51) })).rejects.toMatchObject({
          status: 422,
          clientMessage: 'The value for title is too long: at most 50 characters are allowed.',
        });
        await expect(todos.findBy({ priority: 'high' as never })).rejects.toMatchObject({
          clientMessage:
            'The request holds a value for priority that cannot be stored: check its type, range and length.',
        });
        expect(await todos.count()).toBe(0);
      });

      it('string lengths are counted in code points, as PostgreSQL counts varchar(n)', async () => {
        // 50 emoji are 100 UTF-16 units but 50 characters: they fit varchar(50) on every engine.
        const emoji = '\u{1F600}'.repeat(50);
        const saved = await todos.save({ title: emoji });
        expect((await todos.findById(saved.id))!.title).toBe(emoji);
        await expectCode(
          todos.save({ title: emoji + '\u{1F600}' }),
          'TENON_DATA_VALUE_TOO_LONG',
          "The value for Todo.title has 51 characters; the column holds at most 50. Validate the input's length (e.g. @Length(1, 50) on the DTO) or widen the column.",
        );
        // A variation selector is a code point of its own: 26 × (letter + U+FE0F) is 52.
        await expectCode(
          todos.save({ title: 'a\uFE0F'.repeat(26) }),
          'TENON_DATA_VALUE_TOO_LONG',
          "The value for Todo.title has 52 characters; the column holds at most 50. Validate the input's length (e.g. @Length(1, 50) on the DTO) or widen the column.",
        );
        await todos.save({ title: 'a\uFE0F'.repeat(25) });
        expect(await todos.count()).toBe(2);
      });
    });

    describe('derived finders', () => {
      beforeEach(async () => {
        await todos.saveAll([
          { title: 'Alpha', priority: 1 },
          { title: 'beta', priority: 2, done: true },
          { title: 'Gamma', priority: 3 },
          { title: '100% done', priority: null, done: true },
          { title: '100 percent', priority: null },
        ]);
      });
      const titles = (list: Todo[]) => list.map((t) => t.title).sort();

      it('runs every subject and operator', async () => {
        expect(titles(await todos.findByTitleContainingAndDone('a', false))).toEqual(['Alpha', 'Gamma']);
        expect(titles(await todos.findByTitle('beta'))).toEqual(['beta']);
        expect(titles(await todos.findByTitleIgnoreCase('ALPHA'))).toEqual(['Alpha']);
        expect((await todos.findByDoneOrderByTitleDesc(true)).map((t) => t.title)).toEqual([
          'beta',
          '100% done',
        ]);
        expect((await todos.findFirst2ByDoneOrderByTitleAsc(false)).map((t) => t.title)).toEqual([
          '100 percent',
          'Alpha',
        ]);
        expect((await todos.findFirstByDoneOrderByTitleAsc(true))!.title).toBe('100% done');
        expect((await todos.findOneByTitle('Gamma'))!.priority).toBe(3);
        expect(await todos.findOneByTitle('nope')).toBeNull();
        expect(titles(await todos.findByPriorityGreaterThanEqual(2))).toEqual(['Gamma', 'beta']);
        expect(titles(await todos.findByPriorityLessThan(2))).toEqual(['Alpha']);
        expect((await todos.findByPriorityBetweenOrderByPriorityAsc(1, 2)).map((t) => t.title)).toEqual([
          'Alpha',
          'beta',
        ]);
        expect(titles(await todos.findByPriorityIn([1, 3]))).toEqual(['Alpha', 'Gamma']);
        expect(titles(await todos.findByPriorityNotIn([1, 3]))).toEqual(['beta']);
        expect(titles(await todos.findByPriorityIsNull())).toEqual(['100 percent', '100% done']);
        expect(await todos.findByPriorityIsNotNull()).toHaveLength(3);
        expect(titles(await todos.findByDoneTrue())).toEqual(['100% done', 'beta']);
        expect(await todos.findByDoneFalse()).toHaveLength(3);
        expect(titles(await todos.findByTitleStartingWith('100%'))).toEqual(['100% done']);
        expect(titles(await todos.findByTitleEndingWith('ta'))).toEqual(['beta']);
        expect(titles(await todos.findByTitleLike('_amma'))).toEqual(['Gamma']);
        expect(titles(await todos.findByTitleContainingIgnoreCase('ALP'))).toEqual(['Alpha']);
        expect(titles(await todos.findByTitleOrPriority('Alpha', 3))).toEqual(['Alpha', 'Gamma']);
        expect(await todos.countByDone(true)).toBe(2);
        expect(await todos.existsByTitle('beta')).toBe(true);
        expect(await todos.existsByTitle('zeta')).toBe(false);
        expect(await todos.deleteByDone(true)).toBe(2);
        expect(await todos.count()).toBe(3);
      });

      it('treats % and _ in Containing/StartingWith values literally', async () => {
        expect(titles(await todos.findByTitleContainingAndDone('%', true))).toEqual(['100% done']);
        expect(titles(await todos.findByTitleStartingWith('_'))).toEqual([]);
      });

      it('checks the argument count at call time', async () => {
        await expectCode(
          (todos.findByTitleContainingAndDone as unknown as (a: string) => Promise<unknown>)('a'),
          'TENON_DATA_DERIVED_QUERY_ARGUMENTS',
          'TodoRepository.findByTitleContainingAndDone takes 2 arguments (one per condition value in its name), but was called with 1.',
        );
      });
    });

    describe('relations', () => {
      it('loads many-to-one and one-to-many for a whole list in one query each', async () => {
        const ann = await authors.save({ name: 'Ann' });
        const bob = await authors.save({ name: 'Bob' });
        const cid = await authors.save({ name: 'Cid' });
        await posts.saveAll([
          { title: 'a1', authorId: ann.id },
          { title: 'a2', authorId: ann.id },
          { title: 'b1', authorId: bob.id },
        ]);
        const list = await posts.findAll({ orderBy: { title: 'asc' } });
        queries.length = 0;
        await posts.load(list, 'author');
        expect(queries).toHaveLength(1);
        expect(list.map((p) => p.author?.name)).toEqual(['Ann', 'Ann', 'Bob']);
        expect(list[0]!.author).toBeInstanceOf(Author);

        const people = await authors.findAll({ orderBy: { name: 'asc' } });
        queries.length = 0;
        await authors.load(people, 'posts');
        expect(queries).toHaveLength(1);
        expect(people.map((a) => (a.posts ?? []).map((p) => p.title).sort())).toEqual([
          ['a1', 'a2'],
          ['b1'],
          [],
        ]);
        expect(people[0]!.posts![0]).toBeInstanceOf(Post);
        expect(people[2]!.id).toBe(cid.id);

        // Loaded again: the relation's statements are compiled already.
        const compiles = jest.spyOn(DefaultQueryCompiler.prototype, 'compileQuery');
        try {
          await posts.load(list, 'author');
          await authors.load(people, 'posts');
          expect(compiles).not.toHaveBeenCalled();
        } finally {
          compiles.mockRestore();
        }

        queries.length = 0;
        await posts.load([], 'author');
        expect(queries).toHaveLength(0);
        await expectCode(
          posts.load(list, 'writer' as never),
          'TENON_DATA_UNKNOWN_RELATION',
          'Post has no relation "writer". Its relations are: author.',
        );
      });
    });

    describe('escape hatches', () => {
      it('this.query() and raw sql run inside the current transaction', async () => {
        await todos.save({ title: 'open' });
        const seen = await database.transactions
          .run(async () => {
            await todos.save({ title: 'inside' });
            const viaKysely = await todos.countOpen();
            const viaSql = await sql<{ n: unknown }>`select count(*) as n from ${sql.table('todos')}`.execute(
              database.executor(),
            );
            throw Object.assign(new Error('rollback'), { seen: [viaKysely, Number(viaSql.rows[0]!.n)] });
          })
          .catch((e: { seen: number[] }) => e.seen);
        expect(seen).toEqual([2, 2]);
        expect(await todos.countOpen()).toBe(1);
      });
    });
  });
}
