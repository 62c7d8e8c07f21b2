import 'reflect-metadata';
import { TestDatabase } from '@tenon/testing';
import { sharedPglite } from '../../src/database/shared-pglite';
import { recordBreakdown } from './timing-probe';
import { Todo, TodoRepository } from './timing-todo';
import { memoryStore, todoScenario, type TodoStore } from './todo-scenarios';

// Not a test (the file name keeps it out of the suite): `measure-timing.js --breakdown` runs it.
// It times the README's scenario in a warm loop, layer by layer, to show where a data test's
// time goes: the fake, the same SQL sent straight to PGlite, the same calls through @tenon/data
// without a test transaction, and through TestDatabase (begin, scenario, rollback).

const db = TestDatabase.create({ entities: [Todo], postgresUrl: false });
const WARM_UP = 30;
const RUNS = 150;

async function perScenario(fn: (i: number) => Promise<void>): Promise<number> {
  for (let i = 0; i < WARM_UP; i++) await fn(i);
  const started = performance.now();
  for (let i = 0; i < RUNS; i++) await fn(i);
  return (performance.now() - started) / RUNS;
}

it('times each layer of a data test', async () => {
  await db.start();
  const todos = db.database.repository(TodoRepository);
  const repository: TodoStore = {
    add: (title) => todos.save({ title }),
    markDone: async (id) => {
      await todos.update({ id }, { done: true });
    },
    open: async () =>
      (await todos.findBy({ done: false }, { orderBy: { title: 'asc' } })).map((t) => t.title),
    count: () => todos.count(),
  };
  const pglite = (await sharedPglite()) as unknown as {
    query<R>(sql: string, params?: unknown[]): Promise<{ rows: R[] }>;
    exec(sql: string): Promise<unknown>;
  };
  const raw: TodoStore = {
    add: async (title) =>
      (
        await pglite.query<Todo>('insert into timing_todos (title, done) values ($1, $2) returning *', [
          title,
          false,
        ])
      ).rows[0]!,
    markDone: async (id) => {
      await pglite.query('update timing_todos set done = $1 where id = $2', [true, id]);
    },
    open: async () =>
      (
        await pglite.query<{ title: string }>(
          'select * from timing_todos where done = $1 order by title asc',
          [false],
        )
      ).rows.map((r) => r.title),
    count: async () =>
      Number(
        (await pglite.query<{ count: string }>('select count(*) as count from timing_todos')).rows[0]!.count,
      ),
  };
  const layers: Record<string, number[]> = {};
  const measure = async (name: string, fn: (i: number) => Promise<void>): Promise<void> => {
    // Rolled-back and deleted rows stay in the table as dead tuples that every scan then reads:
    // each layer starts from a vacuumed table, or the later ones would pay for the earlier ones.
    await pglite.exec('vacuum timing_todos');
    (layers[name] ??= []).push(await perScenario(fn));
  };
  // Alternating rounds, so the machine's load changes touch every layer alike.
  for (let round = 0; round < 3; round++) {
    await measure('in-memory fake', (i) => todoScenario(memoryStore(), i));
    await measure('same SQL straight to PGlite, in a transaction rolled back', async (i) => {
      await pglite.exec('begin');
      await todoScenario(raw, i);
      await pglite.exec('rollback');
    });
    await measure('through @tenon/data, no test transaction (rows deleted after)', async (i) => {
      await todoScenario(repository, i);
      await pglite.exec('delete from timing_todos');
    });
    await measure('through TestDatabase (begin, scenario, rollback)', async (i) => {
      await db.begin();
      await todoScenario(repository, i);
      await db.rollback();
    });
  }
  await db.stop();
  recordBreakdown(layers);
  expect(Object.keys(layers)).toHaveLength(4);
}, 300_000);
