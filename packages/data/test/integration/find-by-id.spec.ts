import 'reflect-metadata';
import { createSchema, Database, type DataError } from '@tenon/data';
import { sql } from 'kysely';
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
  }, 30_000); // an embedded engine takes seconds to start on a busy machine

  // Without a query log the lookup runs on the guarded driver directly, not through Kysely's executor.
  it('without a query log: waits for the single connection, translates driver errors, and fails once closed', async () => {
    const database = await Database.connect({ url: 'pglite://memory' });
    await createSchema(database.kysely, ENTITIES, 'pglite');
    const todos = database.repository(TodoRepository);
    const kept = await todos.save({ title: 'kept' });
    expect((await todos.findById(kept.id))?.title).toBe('kept');

    // A lookup from outside a transaction waits for it (the gate), never joins it: after the
    // rollback the row written inside is not there.
    let insideId = 0;
    let entered!: () => void;
    const opened = new Promise<void>((resolve) => (entered = resolve));
    const rolledBack = database.transactions
      .run(async () => {
        insideId = (await todos.save({ title: 'inside' })).id;
        entered();
        await new Promise((r) => setTimeout(r, 100));
        throw new Error('roll back');
      })
      .catch((e: Error) => e.message);
    await opened;
    expect(await todos.findById(insideId)).toBeNull();
    expect(await rolledBack).toBe('roll back');

    await sql`drop table todos cascade`.execute(database.kysely);
    const missing = (await todos.findById(kept.id).catch((e: unknown) => e)) as DataError;
    expect(missing).toMatchObject({ code: '42P01' }); // not a connection error: passed through as is
    await database.close();
    await expect(todos.findById(kept.id)).rejects.toMatchObject({
      code: 'TENON_DATA_DATABASE_CLOSED',
      status: 503,
    });
  }, 30_000); // an embedded engine takes seconds to start on a busy machine
});
