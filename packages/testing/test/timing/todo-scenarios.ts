import { Todo } from './timing-todo';

/** What the timing suites need from a store of todos: the database repository or an in-memory fake. */
export interface TodoStore {
  add(title: string): Promise<{ id: number; title: string; done: boolean }>;
  markDone(id: number): Promise<void>;
  open(): Promise<string[]>;
  count(): Promise<number>;
}

/**
 * The body of each of the 50 timed tests: a few writes, an update and two reads, asserting what
 * a test of a todo service would. The same body runs on a real database and on a fake, so the
 * difference is the database alone.
 */
export async function todoScenario(store: TodoStore, i: number): Promise<void> {
  const a = await store.add(`write report ${i}`);
  await store.add(`review ${i}`);
  await store.add(`ship ${i}`);
  await store.markDone(a.id);
  expect(await store.open()).toEqual([`review ${i}`, `ship ${i}`]);
  expect(await store.count()).toBe(3);
}

/** The in-memory fake: what a suite "with no database at all" uses (rows are entity instances). */
export function memoryStore(): TodoStore {
  let next = 1;
  const rows = new Map<number, Todo>();
  return {
    add: async (title) => {
      const row = Object.assign(new Todo(), { id: next++, title, done: false });
      rows.set(row.id, row);
      return row;
    },
    markDone: async (id) => {
      rows.get(id)!.done = true;
    },
    open: async () =>
      [...rows.values()]
        .filter((r) => !r.done)
        .map((r) => r.title)
        .sort(),
    count: async () => rows.size,
  };
}
