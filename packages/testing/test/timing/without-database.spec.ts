import 'reflect-metadata';
import { recordTiming } from './timing-probe';
import { memoryStore, todoScenario } from './todo-scenarios';

// The baseline of the timing in the README: the same 50 tests as with-database.spec.ts on an
// in-memory fake, a fresh one per test.
let ready = 0;
beforeAll(() => {
  ready = performance.now();
});
afterAll(() => recordTiming('without-database', 0, performance.now() - ready));

describe('50 todo tests without a database', () => {
  it.each(Array.from({ length: 50 }, (_, n) => n + 1))('scenario %i', async (i) => {
    await todoScenario(memoryStore(), i);
  });
});
