import 'reflect-metadata';
import { createSchema, Database } from '@tenon/data';
import { ENTITIES, TodoRepository } from '../support/fixtures';

// findById runs a statement compiled once per repository; these check that the cache changes
// nothing a caller can see.
describe('findById with its compiled statement', () => {
  it('reads fresh parameters each time, logs each statement, and fails clearly once the database is closed', async () => {
    const queries: { sql: string; parameters: readonly unknown[] }[] = [];
    const database = await Database.connect({ url: 'pglite://memory', log: (e) => queries.push(e) });
    await createSchema(database.kysely, ENTITIES, 'pglite');
    const todos = database.repository(TodoRepository);
    const [a, b] = [await todos.save({ title: 'a' }), await todos.save({ title: 'b' })];
    queries.length = 0;
    expect((await todos.findById(a.id))?.title).toBe('a');
    expect((await todos.findById(b.id))?.title).toBe('b');
    expect(await todos.findById(b.id + 100)).toBeNull();
    // A second repository of the same type shares nothing stale.
    expect((await database.repository(TodoRepository).findById(a.id))?.label()).toBe('a');
    expect(queries.map((q) => q.parameters)).toEqual([[a.id], [b.id], [b.id + 100], [a.id]]);
    expect(queries[0]!.sql).toBe('select * from "todos" where "id" = $1');
    await database.close();
    await expect(todos.findById(a.id)).rejects.toMatchObject({
      code: 'TENON_DATA_DATABASE_CLOSED',
      status: 503,
    });
  });
});
