import 'reflect-metadata';
import { Column, CrudRepository, Database, Entity, Id, Repository, applySchemaMode } from '@tenon/data';
import { DefaultQueryCompiler, sql } from 'kysely';
import { preparedName } from '../../src/connection/prepared-statement-names';
import { CompiledStatement } from '../../src/repository/compiled-statement';

@Entity('shape_notes')
class ShapeNote {
  @Id({ generated: true }) id!: number;
  @Column({ type: 'integer', nullable: true }) a!: number | null;
  @Column({ type: 'integer', nullable: true }) b!: number | null;
  @Column({ type: 'integer', nullable: true }) c!: number | null;
  @Column({ type: 'integer', nullable: true }) d!: number | null;
  @Column({ type: 'integer', nullable: true }) e!: number | null;
  @Column({ type: 'integer', nullable: true }) f!: number | null;
}

@Repository(ShapeNote)
class ShapeNoteRepository extends CrudRepository<ShapeNote, number> {}

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

  it('prepares the insert and update of each column set up to the bound of kept shapes, no further one', async () => {
    const texts: string[] = [];
    const logged = await Database.connect({ url: 'pglite://memory', log: (event) => texts.push(event.sql) });
    // The properties a..f present in column set `set` (its bits), each set to `set`.
    const columnSet = (set: number): Record<string, number> => {
      const values: Record<string, number> = {};
      ['a', 'b', 'c', 'd', 'e', 'f'].forEach((name, bit) => {
        if (set & (1 << bit)) values[name] = set;
      });
      return values;
    };
    // 40 column sets, each written once: 32 are kept, 8 are one-offs.
    const expectPreparedUpToBound = (prefix: string) => {
      const written = texts.filter((text) => text.startsWith(prefix));
      expect(new Set(written).size).toBe(40);
      expect(written.slice(0, 32).every((text) => preparedName(text) !== undefined)).toBe(true);
      expect(written.slice(32).filter((text) => preparedName(text) !== undefined)).toEqual([]);
    };
    try {
      await applySchemaMode(logged, 'create', { entities: [ShapeNote] });
      const notes = logged.repository(ShapeNoteRepository);
      for (let set = 1; set <= 40; set++) await notes.save(columnSet(set));
      expectPreparedUpToBound('insert into');
      expect(await notes.count()).toBe(40);
      // The same for the update of save() on an existing row, per column set.
      const { id } = await notes.save({ a: 0 });
      for (let set = 1; set <= 40; set++) await notes.save({ id, ...columnSet(set) });
      expectPreparedUpToBound('update');
    } finally {
      await logged.close();
    }
  });
});
