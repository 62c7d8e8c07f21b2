import 'reflect-metadata';
import { TestDatabase } from '@tenon/testing';
import { recordTiming, testsStart, type TestsStart } from './timing-probe';
import { Todo, TodoRepository } from './timing-todo';
import { todoScenario, type TodoStore } from './todo-scenarios';

// The measured suite of the README: 50 tests, each in its own rolled-back transaction on the
// worker's database. The one-time start (PGlite, schema) is timed apart and left out of the
// comparison with without-database.spec.ts.
const loaded = performance.now();
const db = TestDatabase.setup({ entities: [Todo] });
let store: TodoStore;
let ready: TestsStart;

afterAll(() => recordTiming('with-database', ready.at - loaded, ready));

beforeAll(async () => {
  ready = testsStart();
  const todos = db.database.repository(TodoRepository);
  store = {
    add: (title) => todos.save({ title }),
    markDone: async (id) => {
      await todos.update({ id }, { done: true });
    },
    open: async () =>
      (await todos.findBy({ done: false }, { orderBy: { title: 'asc' } })).map((t) => t.title),
    count: () => todos.count(),
  };
});

describe('50 todo tests on the test database', () => {
  it.each(Array.from({ length: 50 }, (_, n) => n + 1))('scenario %i', async (i) => {
    await todoScenario(store, i);
  });
});
