import 'reflect-metadata';
import { Column, CrudRepository, Entity, Id, Repository } from '@tenon/data';
import { TestDatabase } from '@tenon/testing';
import { recordTiming } from './timing-probe';
import { todoScenario, type TodoStore } from './todo-scenarios';

@Entity('timing_todos')
class Todo {
  @Id({ generated: true }) id!: number;
  @Column() title!: string;
  @Column({ default: false }) done!: boolean;
}

@Repository(Todo)
class TodoRepository extends CrudRepository<Todo, number> {}

// The measured suite of the README: 50 tests, each in its own rolled-back transaction on the
// worker's database. The one-time start (PGlite, schema) is timed apart and left out of the
// comparison with without-database.spec.ts.
const loaded = performance.now();
const db = TestDatabase.setup({ entities: [Todo] });
let store: TodoStore;
let ready = 0;

afterAll(() => recordTiming('with-database', ready - loaded, performance.now() - ready));

beforeAll(async () => {
  ready = performance.now();
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
