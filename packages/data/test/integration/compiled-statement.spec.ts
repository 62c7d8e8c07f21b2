import 'reflect-metadata';
import { Database } from '@tenon/data';
import { DefaultQueryCompiler, sql } from 'kysely';
import { CompiledStatement } from '../../src/repository/compiled-statement';

// A statement compiles once when its parameters are the given values; one whose values compile
// into its text cannot be reused, and is built once per call (not compiled twice per call).
describe('CompiledStatement', () => {
  let database: Database;

  beforeAll(async () => {
    database = await Database.connect({ url: 'pglite://memory' });
  }, 30_000); // an embedded engine takes seconds to start on a busy machine

  afterAll(() => database.close());

  const run = (statement: CompiledStatement, parameters: unknown[]) =>
    statement.run<{ n: number }, number>(database, database.kysely, parameters, (r) => r.rows[0]!.n);

  it('compiles a cacheable statement once and runs it with the values of each call', async () => {
    const compiles = jest.spyOn(DefaultQueryCompiler.prototype, 'compileQuery');
    try {
      const statement = new CompiledStatement((db, [a]) =>
        db.selectNoFrom(sql<number>`${a}::int + 1`.as('n')),
      );
      expect(await run(statement, [1])).toBe(2);
      expect(await run(statement, [41])).toBe(42);
      expect(compiles).toHaveBeenCalledTimes(1);
    } finally {
      compiles.mockRestore();
    }
  });

  it('builds a statement whose values become SQL once per call, with the values of each call', async () => {
    const compiles = jest.spyOn(DefaultQueryCompiler.prototype, 'compileQuery');
    try {
      const statement = new CompiledStatement((db, [a]) =>
        db.selectNoFrom(sql<number>`${sql.lit(a)} + 1`.as('n')),
      );
      expect(await run(statement, [1])).toBe(2);
      expect(await run(statement, [41])).toBe(42);
      expect(await run(statement, [9])).toBe(10);
      expect(compiles).toHaveBeenCalledTimes(3);
    } finally {
      compiles.mockRestore();
    }
  });
});
