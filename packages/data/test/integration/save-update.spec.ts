import 'reflect-metadata';
import {
  Column,
  createSchema,
  CrudRepository,
  Database,
  Entity,
  Id,
  OptimisticLockError,
  Repository,
  Version,
} from '@tenon/data';

@Entity('counters')
class Counter {
  @Id() id!: number;
  @Column() name!: string;
  @Column({ type: 'integer' }) hits!: number;
  @Version() version!: number;
}

@Repository(Counter)
class CounterRepository extends CrudRepository<Counter, number> {}

// save() of an existing entity reads the row back (RETURNING, or a select on MySQL) only when the
// database may know something the entity does not.
describe('save() of an existing entity', () => {
  it('writes without reading back when every column is held and comes back as written', async () => {
    const statements: string[] = [];
    const database = await Database.connect({ url: 'pglite://memory', log: (e) => statements.push(e.sql) });
    try {
      await createSchema(database.kysely, [Counter], 'pglite');
      const counters = database.repository(CounterRepository);
      const created = await counters.save({ id: 1, name: 'a', hits: 0 });
      expect(created.version).toBe(0);

      statements.length = 0;
      created.hits = 5;
      const saved = await counters.save(created);
      expect(saved).toBe(created);
      expect(saved).toMatchObject({ id: 1, name: 'a', hits: 5, version: 1 });
      expect(statements).toEqual([
        'update "counters" set "name" = $1, "hits" = $2, "version" = $3 where "id" = $4 and "version" = $5',
      ]);
      expect(await counters.findById(1)).toEqual(saved);

      // A stale version still fails: the update matched no row.
      await expect(counters.save({ ...saved, version: 0 } as Counter)).rejects.toBeInstanceOf(
        OptimisticLockError,
      );

      // A property left out: the row is read back, so the entity comes back whole.
      statements.length = 0;
      const partial = await counters.save({ id: 1, name: 'b', version: 1 } as Counter);
      expect(partial).toMatchObject({ id: 1, name: 'b', hits: 5, version: 2 });
      expect(statements[0]).toMatch(/ returning \*$/);
    } finally {
      await database.close();
    }
  }, 30_000); // an embedded engine takes seconds to start on a busy machine
});
