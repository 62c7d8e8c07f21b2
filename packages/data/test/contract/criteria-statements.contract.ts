import 'reflect-metadata';
import { Gt, ILike, In, Like, Not, type Database } from '@tenon/data';
import { DefaultQueryCompiler } from 'kysely';
import { Todo, TodoRepository } from '../support/fixtures';
import { truncateAll, type ContractContext } from './repository.contract';

/**
 * Criteria statements (find, count, exists, delete, update) are compiled once per shape and run
 * with the values of each call: a shape must never serve a call of another shape, nor a call
 * the values of an earlier one.
 */
export function criteriaStatementsContract(ctx: ContractContext): void {
  describe('criteria statements, compiled once per shape', () => {
    let database: Database;
    // A repository of its own per test: its statements start uncompiled.
    let todos: TodoRepository;
    let ids: Record<string, number>;
    const titles = (list: Todo[]) => list.map((t) => t.title).sort();
    const lastSql = () => ctx.queries[ctx.queries.length - 1]!;

    beforeAll(() => {
      database = ctx.database;
    });

    beforeEach(async () => {
      await truncateAll(database);
      todos = database.repository(TodoRepository);
      const saved = await database.repository(TodoRepository).saveAll([
        { title: 'Alpha', priority: 1 },
        { title: 'beta', priority: 2, done: true },
        { title: 'Gamma', priority: 3 },
        { title: 'delta', priority: null, done: true },
      ]);
      ids = Object.fromEntries(saved.map((t) => [t.title, t.id]));
      ctx.queries.length = 0;
    });

    it('runs one shape with the values of each call', async () => {
      expect(titles(await todos.findBy({ priority: 1 }))).toEqual(['Alpha']);
      expect(titles(await todos.findBy({ priority: 2 }))).toEqual(['beta']);
      expect(titles(await todos.findBy({ priority: 3 }))).toEqual(['Gamma']);
      expect(await todos.findBy({ priority: 4 })).toEqual([]);
      expect(titles(await todos.findBy({ done: true, priority: Gt(1) }))).toEqual(['beta']);
      expect(titles(await todos.findBy({ done: false, priority: Gt(1) }))).toEqual(['Gamma']);
      expect(titles(await todos.findBy({ done: false, priority: Gt(0) }))).toEqual(['Alpha', 'Gamma']);
      expect(titles(await todos.findByTitleContainingAndDone('a', false))).toEqual(['Alpha', 'Gamma']);
      expect(titles(await todos.findByTitleContainingAndDone('et', true))).toEqual(['beta']);
      const byPriority = { where: { priority: Not(null) }, orderBy: { priority: 'asc' as const } };
      const window = async (limit: number, offset: number) =>
        (await todos.findAll({ ...byPriority, limit, offset })).map((t) => t.title);
      expect(await window(2, 1)).toEqual(['beta', 'Gamma']);
      expect(await window(1, 2)).toEqual(['Gamma']);
      expect(await window(1, 1)).toEqual(['beta']);
      expect(await todos.count({ done: true })).toBe(2);
      expect(await todos.count({ done: false })).toBe(2);
      expect(await todos.count({ priority: Gt(2) })).toBe(1);
      expect(await todos.exists({ title: 'beta' })).toBe(true);
      expect(await todos.exists({ title: 'zeta' })).toBe(false);
      expect(await todos.existsById(ids.Gamma!)).toBe(true);
      expect(await todos.existsById(ids.Gamma! + 1000)).toBe(false);
      expect(titles(await todos.findAllById([ids.Alpha!, ids.beta!]))).toEqual(['Alpha', 'beta']);
      expect(titles(await todos.findAllById([ids.Gamma!, ids.delta!]))).toEqual(['Gamma', 'delta']);
    });

    it('gives each shape its own SQL', async () => {
      expect(titles(await todos.findBy({ priority: 1 }))).toEqual(['Alpha']);
      expect(titles(await todos.findBy({ priority: null }))).toEqual(['delta']);
      expect(lastSql()).toMatch(/is null/);
      expect(titles(await todos.findBy({ priority: In([1, 2]) }))).toEqual(['Alpha', 'beta']);
      expect(titles(await todos.findBy({ priority: In([1, 2, 3]) }))).toEqual(['Alpha', 'Gamma', 'beta']);
      expect(await todos.findBy({ priority: In([]) })).toEqual([]);
      expect(titles(await todos.findBy({ priority: Not(In([])) }))).toEqual([
        'Alpha',
        'Gamma',
        'beta',
        'delta',
      ]);
      expect(titles(await todos.findBy({ priority: Not(In([1, 2])) }))).toEqual(['Gamma']);
      expect(titles(await todos.findByPriorityNotIn([1, 2]))).toEqual(['Gamma']);
      expect(titles(await todos.findByPriorityIn([1, 2]))).toEqual(['Alpha', 'beta']);

      // Case: some collations compare case-insensitively anyway, so the SQL tells the shapes apart.
      expect(titles(await todos.findByTitleIgnoreCase('ALPHA'))).toEqual(['Alpha']);
      expect(lastSql()).toMatch(/lower\(/);
      await todos.findByTitle('ALPHA');
      expect(lastSql()).not.toMatch(/lower\(/);
      expect(titles(await todos.findBy({ title: ILike('GAMMA') }))).toEqual(['Gamma']);
      const ignoringCase = lastSql();
      await todos.findBy({ title: Like('GAMMA') });
      expect(lastSql()).not.toBe(ignoringCase);
      expect(lastSql()).not.toMatch(/ilike|lower\(/);

      const where = { priority: Not(null) };
      const order = async (direction: 'asc' | 'desc') =>
        (await todos.findAll({ where, orderBy: { priority: direction } })).map((t) => t.title);
      expect(await order('asc')).toEqual(['Alpha', 'beta', 'Gamma']);
      expect(await order('desc')).toEqual(['Gamma', 'beta', 'Alpha']);
      expect(await order('asc')).toEqual(['Alpha', 'beta', 'Gamma']);
      const ordered = { where, orderBy: { priority: 'asc' as const } };
      expect(await todos.findAll(ordered)).toHaveLength(3);
      expect(await todos.findAll({ ...ordered, limit: 2 })).toHaveLength(2);
      expect((await todos.findAll({ ...ordered, limit: 2, offset: 2 })).map((t) => t.title)).toEqual([
        'Gamma',
      ]);
      expect(await todos.findAll({ ...ordered, limit: 2, offset: 0 })).toHaveLength(2);
      expect(await todos.findAll(ordered)).toHaveLength(3);
      // One OR-group or two.
      expect(titles(await todos.findBy([{ priority: 1 }]))).toEqual(['Alpha']);
      expect(titles(await todos.findBy([{ priority: 1 }, { priority: 3 }]))).toEqual(['Alpha', 'Gamma']);
    });

    it('updates the columns of each patch', async () => {
      expect(await todos.update({ done: false }, { priority: 7 })).toBe(2);
      expect(await todos.update({ priority: 7 }, { priority: 8, done: true })).toBe(2);
      expect(await todos.update({ title: 'beta' }, { priority: null })).toBe(1);
      expect(await todos.update({ title: 'zeta' }, { priority: 5 })).toBe(0);
      expect(await todos.update({ done: true }, { priority: 9 })).toBe(4);
      expect(await todos.update({ title: 'delta' }, { title: 'Delta' })).toBe(1);
      const rows = await todos.findAll({ orderBy: { id: 'asc' } });
      expect(rows.map((t) => [t.title, t.priority, t.done, t.version])).toEqual([
        ['Alpha', 9, true, 3],
        ['beta', 9, true, 2],
        ['Gamma', 9, true, 3],
        ['Delta', 9, true, 2],
      ]);
      // The patch's columns are set: a shape does not keep another's columns.
      expect(await todos.update({ title: 'Alpha' }, { done: false })).toBe(1);
      expect(await todos.findBy({ done: false })).toEqual([
        expect.objectContaining({ title: 'Alpha', priority: 9 }),
      ]);
    });

    it('counts, checks and deletes by each criteria', async () => {
      expect(await todos.count()).toBe(4);
      expect(await todos.count({ done: true })).toBe(2);
      expect(await todos.count({ priority: null })).toBe(1);
      expect(await todos.count({ priority: In([1, 3]) })).toBe(2);
      expect(await todos.count([{ priority: 1 }, { done: true }])).toBe(3);
      expect(await todos.countByDone(false)).toBe(2);
      expect(await todos.exists({ priority: 3 })).toBe(true);
      expect(await todos.exists({ priority: 4 })).toBe(false);
      expect(await todos.exists({ priority: null })).toBe(true);
      expect(await todos.existsByTitle('Gamma')).toBe(true);
      expect(await todos.delete({ priority: 3 })).toBe(1);
      expect(await todos.delete({ priority: 4 })).toBe(0);
      expect(await todos.delete({ priority: null })).toBe(1);
      expect(await todos.count()).toBe(2);
      expect(await todos.deleteById(ids.Alpha!)).toBe(true);
      expect(await todos.deleteById(ids.Alpha!)).toBe(false);
      expect(await todos.exists({ priority: null })).toBe(false);
      expect(await todos.deleteAll()).toBe(1);
      expect(await todos.count()).toBe(0);
    });

    it('runs compiled statements inside a transaction, on its connection', async () => {
      expect(await todos.count({ done: false })).toBe(2);
      const inside = await database.transactions
        .run(async () => {
          await todos.update({ title: 'Alpha' }, { done: true });
          const seen = [await todos.count({ done: false }), titles(await todos.findBy({ done: true }))];
          throw Object.assign(new Error('rollback'), { seen });
        })
        .catch((e: { seen: unknown[] }) => e.seen);
      expect(inside).toEqual([1, ['Alpha', 'beta', 'delta']]);
      expect(await todos.count({ done: false })).toBe(2);
      expect(titles(await todos.findBy({ done: true }))).toEqual(['beta', 'delta']);
    });

    it('compiles a shape once, and builds per call past the bound of shapes', async () => {
      const compiles = jest.spyOn(DefaultQueryCompiler.prototype, 'compileQuery');
      try {
        const calls = async (run: () => Promise<unknown>): Promise<number> => {
          const before = compiles.mock.calls.length;
          await run();
          return compiles.mock.calls.length - before;
        };
        const sorted = { orderBy: { title: 'asc' as const } };
        expect(await calls(() => todos.findBy({ done: false }, sorted))).toBe(1);
        expect(await calls(() => todos.findBy({ done: true }, sorted))).toBe(0);
        expect(await calls(() => todos.findBy({ done: true }, { ...sorted, limit: 1 }))).toBe(1);
        expect(await calls(() => todos.findBy({ done: false }, { ...sorted, limit: 2 }))).toBe(0);
        expect(await calls(() => todos.count())).toBe(1);
        expect(await calls(() => todos.count())).toBe(0);
        expect(await calls(() => todos.count({ title: 'beta' }))).toBe(1);
        expect(await calls(() => todos.count({ title: 'Gamma' }))).toBe(0);
        expect(await calls(() => todos.exists({ title: 'beta' }))).toBe(1);
        expect(await calls(() => todos.exists({ title: 'Gamma' }))).toBe(0);
        expect(await calls(() => todos.findByPriorityIn([1, 2]))).toBe(1);
        expect(await calls(() => todos.findByPriorityIn([2, 3]))).toBe(0);
        expect(await calls(() => todos.update({ title: 'beta' }, { priority: 5 }))).toBe(1);
        expect(await calls(() => todos.update({ title: 'Gamma' }, { priority: 6 }))).toBe(0);
        expect(await calls(() => todos.delete({ title: 'zeta' }))).toBe(1);
        expect(await calls(() => todos.delete({ title: 'delta' }))).toBe(0);
        expect((await todos.findAll({ orderBy: { id: 'asc' } })).map((t) => [t.title, t.priority])).toEqual([
          ['Alpha', 1],
          ['beta', 5],
          ['Gamma', 6],
        ]);

        // A long `in` list is built per call (each length would be a shape of its own).
        const long = Array.from({ length: 40 }, (_, i) => i);
        expect(await calls(() => todos.findByPriorityIn(long))).toBe(1);
        expect(await calls(() => todos.findByPriorityIn(long))).toBe(1);
        expect(titles(await todos.findByPriorityIn(long))).toEqual(['Alpha', 'Gamma', 'beta']);

        // Each number of OR-groups is a shape: past the bound (two count shapes are kept above),
        // the statement is built per call, and the shapes kept still run compiled.
        const groups = (n: number) => Array.from({ length: n }, (_, i) => ({ priority: i }));
        for (let n = 1; n <= 62; n++) expect(await calls(() => todos.count(groups(n)))).toBe(1);
        expect(await calls(() => todos.count(groups(62)))).toBe(0);
        expect(await calls(() => todos.count(groups(63)))).toBe(1);
        expect(await calls(() => todos.count(groups(63)))).toBe(1);
        expect(await todos.count(groups(63))).toBe(3);
        expect(await calls(() => todos.count(groups(2)))).toBe(0);
        expect(await todos.count(groups(2))).toBe(1);
      } finally {
        compiles.mockRestore();
      }
    });
  });
}
