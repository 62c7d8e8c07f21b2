import 'reflect-metadata';
import { recordTiming, testsStart, type TestsStart } from './timing-probe';
import { memoryStore, todoScenario } from './todo-scenarios';

// The baseline of the timing in the README: the same 50 tests as with-database.spec.ts, loading
// the same entity and repository classes, on an in-memory fake (a fresh one per test).
let ready: TestsStart;
beforeAll(() => {
  ready = testsStart();
});
afterAll(() => recordTiming('without-database', 0, ready));

describe('50 todo tests without a database', () => {
  it.each(Array.from({ length: 50 }, (_, n) => n + 1))('scenario %i', async (i) => {
    await todoScenario(memoryStore(), i);
  });
});
