import 'reflect-metadata';
import { runInNewContext } from 'node:vm';
import { Column, CreatedDate, CrudRepository, Entity, Id, Repository, sql } from '@tenon/data';
import { TestDatabase } from '@tenon/testing';

@Entity('dated_events')
class DatedEvent {
  @Id({ generated: true }) id!: number;
  @Column() name!: string;
  @Column({ type: 'timestamp' }) at!: Date;
  @CreatedDate() createdAt!: Date;
}
@Repository(DatedEvent)
class DatedEventRepository extends CrudRepository<DatedEvent, number> {}

// The worker's PGlite is loaded by Node's own require, outside this file's realm: its
// `instanceof Date` does not know this file's dates (the test file's `Date` is another class).
// Whatever file of the worker started it, dates written from here must arrive unchanged.
const db = TestDatabase.setup({ entities: [DatedEvent], postgresUrl: false });

describe('TestDatabase on the shared PGlite, dates from a test file', () => {
  it('writes and reads back Date values (parameters, @CreatedDate)', async () => {
    const repo = db.database.repository(DatedEventRepository);
    const at = new Date('2026-11-25T10:20:30.456Z');
    const saved = await repo.save(Object.assign(new DatedEvent(), { name: 'launch', at }));
    const found = await repo.findById(saved.id);
    expect(new Date(found!.at).toISOString()).toBe(at.toISOString());
    expect(Object.prototype.toString.call(found!.createdAt)).toBe('[object Date]');
    expect(await repo.count({ at })).toBe(1);
  });

  it('sends a Date made in yet another realm (what a file sees of a library loaded elsewhere)', async () => {
    const at = runInNewContext('new Date("2026-01-02T03:04:05.678Z")') as Date;
    expect(at instanceof Date).toBe(false);
    const { rows } = await sql<{ v: string }>`select (${at}::timestamptz)::text as v`.execute(
      db.database.kysely,
    );
    expect(rows[0]!.v).toBe('2026-01-02 03:04:05.678+00');
  });
});
