import 'reflect-metadata';
import type { Database } from '@tenon/data';
import { TodoRepository } from '../support/fixtures';
import { truncateAll, type ContractContext } from './repository.contract';

/** Pages whose total agrees with their content, and no COUNT when the content tells it. */
export function pageContract(ctx: ContractContext): void {
  describe('pages', () => {
    let database: Database;
    let todos: TodoRepository;
    const selects = () => ctx.queries.filter((q) => /^\s*select/i.test(q));

    beforeAll(() => {
      database = ctx.database;
      todos = database.repository(TodoRepository);
    });

    beforeEach(async () => {
      await truncateAll(database);
      await todos.saveAll([{ title: 'a' }, { title: 'b' }, { title: 'c' }]);
      ctx.queries.length = 0;
    });

    /** The page cases; `counts` says whether to check the number of SELECTs as well. */
    async function checkPages(read: <R>(fn: () => Promise<R>) => Promise<R>, counts: boolean) {
      const expectSelects = (n: number) => {
        if (counts) expect(selects()).toHaveLength(n);
        ctx.queries.length = 0;
      };
      const partial = await read(() => todos.findPage({ page: 0, size: 10, orderBy: { title: 'asc' } }));
      expect([partial.total, partial.content.length]).toEqual([3, 3]);
      expectSelects(1);
      const last = await read(() => todos.findPage({ page: 1, size: 2, orderBy: { title: 'asc' } }));
      expect([last.total, last.content.map((t) => t.title)]).toEqual([3, ['c']]);
      expectSelects(1);
      const full = await read(() => todos.findPage({ page: 0, size: 2, orderBy: { title: 'asc' } }));
      expect([full.total, full.totalPages, full.hasNext]).toEqual([3, 2, true]);
      expectSelects(2);
      const beyond = await read(() => todos.findPage({ page: 5, size: 2 }));
      expect([beyond.total, beyond.content]).toEqual([3, []]);
      expectSelects(2);
      await todos.deleteAll();
      ctx.queries.length = 0;
      const empty = await read(() => todos.findPage({ page: 0, size: 2 }));
      expect([empty.total, empty.totalPages]).toEqual([0, 0]);
      expectSelects(1);
    }

    it('totals agree with the content on every page', async () => {
      await checkPages((fn) => fn(), false);
    });

    it('inside a transaction, counts only when the content does not tell the total', async () => {
      await checkPages((fn) => database.transactions.run(fn), true);
    });

    (ctx.capabilities.singleConnection ? it : it.skip)(
      `on a single connection, counts only when needed outside transactions too${
        ctx.capabilities.singleConnection
          ? ''
          : ` (skipped on ${ctx.capabilities.dialect}: capability singleConnection is false; pooled engines run the select and the count at once)`
      }`,
      async () => {
        await checkPages((fn) => fn(), true);
      },
    );

    it('inside a transaction, content and total come from it (a row it wrote is counted)', async () => {
      const page = await database.transactions.run(async () => {
        await todos.save({ title: 'd' });
        return todos.findPage({ page: 0, size: 2, orderBy: { title: 'asc' } });
      });
      expect([page.total, page.content.map((t) => t.title)]).toEqual([4, ['a', 'b']]);
    });

    (ctx.capabilities.singleConnection ? it : it.skip)(
      `a write from another flow cannot land between the select and the count${
        ctx.capabilities.singleConnection
          ? ''
          : ` (skipped on ${ctx.capabilities.dialect}: capability singleConnection is false; pooled engines count on another connection, and a transaction with isolation 'repeatable read' makes the page consistent)`
      }`,
      async () => {
        const reading = todos.findPage({ page: 0, size: 2, orderBy: { title: 'asc' } });
        const writing = todos.save({ title: 'late' });
        const [page] = await Promise.all([reading, writing]);
        expect([page.total, page.content.map((t) => t.title)]).toEqual([3, ['a', 'b']]);
        expect(await todos.count()).toBe(4);
      },
    );
  });
}
