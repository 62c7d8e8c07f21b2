import 'reflect-metadata';
import { sharedPglite, type PGliteInstance } from '../../src/database/shared-pglite';

// The worker's PGlite is never closed (the worker's next file reuses it): the timers its server
// arms (a 10-second statistics flush after most statements) must not keep the process alive, or
// jest waits for them after the last file ("Jest did not exit one second after the test run").
describe("the worker's PGlite", () => {
  let pglite: PGliteInstance;
  const referencedTimers = (): number =>
    process.getActiveResourcesInfo().filter((type) => type === 'Timeout').length;
  // PGlite runs in Node's realm, not the test file's: its setTimeout is that realm's.
  const nodeGlobal = (): { setTimeout: unknown } =>
    (pglite.constructor.constructor as FunctionConstructor)('return globalThis')() as { setTimeout: unknown };

  beforeAll(async () => {
    pglite = await sharedPglite();
  }, 120_000);

  it('leaves no timer that keeps the process alive after its statements', async () => {
    const before = referencedTimers();
    const setTimeoutBefore = nodeGlobal().setTimeout;
    await pglite.exec('create table if not exists shared_pglite_timers (id int primary key)');
    await pglite.query('insert into shared_pglite_timers (id) values ($1) on conflict do nothing', [1]);
    await expect(pglite.query('select * from no_such_table_here')).rejects.toThrow(/does not exist/);
    await pglite.query('select count(*) from shared_pglite_timers');
    await pglite.exec('drop table shared_pglite_timers');
    expect(referencedTimers()).toBe(before);
    // The unref-ing setTimeout exists only during the server's synchronous calls.
    expect(nodeGlobal().setTimeout).toBe(setTimeoutBefore);
  });
});
