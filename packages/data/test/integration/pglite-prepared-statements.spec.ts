import 'reflect-metadata';
import { PGlite } from '@electric-sql/pglite';
import { Database, DataError, sql } from '@tenon/data';
import { retainedHeap } from '../support/heap';

// On PGlite, statements run as named prepared statements in one protocol call each. These check
// what a caller could notice: results, errors, schema changes, sessions shared by several
// databases, and the statements left on a PGlite the caller owns.
describe('PGlite statements, prepared once', () => {
  let pglite: PGlite;

  beforeAll(async () => {
    pglite = await PGlite.create();
  }, 60_000); // PGlite takes seconds to start on a busy machine

  afterAll(() => pglite.close());

  const prepared = async (): Promise<number> =>
    (await pglite.query<{ n: number }>('select count(*)::int as n from pg_prepared_statements')).rows[0]!.n;

  const connect = () => Database.connect({ url: 'pglite://memory', pglite });

  beforeEach(async () => {
    await pglite.exec(
      'drop table if exists items; create table items (id int primary key, name text not null, flag boolean, big bigint, at timestamptz, doc jsonb)',
    );
  });

  it('returns the same rows, counts and types as PGlite.query(), with every kind of parameter', async () => {
    const database = await connect();
    const db = database.kysely;
    const at = new Date('2026-11-25T10:00:00.000Z');
    const inserted =
      await sql`insert into items values (${1}, ${'a'}, ${true}, ${2n ** 40n}, ${at}, ${JSON.stringify({ k: [1] })})`.execute(
        db,
      );
    expect(inserted.numAffectedRows).toBe(1n);
    await sql`insert into items (id, name, flag) values (${2}, ${"o'brien \\ é"}, ${null})`.execute(db);
    const select = sql<
      Record<string, unknown>
    >`select * from items where id = ${1} or name = ${"o'brien \\ é"} order by id`;
    const viaTenon = (await select.execute(db)).rows;
    const viaPglite = (await pglite.query('select * from items order by id')).rows;
    expect(viaTenon).toEqual(viaPglite);
    expect(viaTenon[0]).toEqual({ id: 1, name: 'a', flag: true, big: 2 ** 40, at, doc: { k: [1] } });
    // Run again: the prepared statement now, with other values.
    expect((await sql`select name from items where id = ${2}`.execute(db)).rows).toEqual([
      { name: "o'brien \\ é" },
    ]);
    expect((await sql`select name from items where id = ${1}`.execute(db)).rows).toEqual([{ name: 'a' }]);
    const updated = await sql`update items set flag = ${false} where id > ${0}`.execute(db);
    expect(updated.numAffectedRows).toBe(2n);
    await database.close();
  });

  it('reports errors as before, and a statement that failed runs again once its cause is gone', async () => {
    const database = await connect();
    const db = database.kysely;
    const insert = (id: number) =>
      sql`insert into items (id, name) values (${id}, ${'x'})`.execute(database.executor());
    await insert(1);
    const duplicate = await insert(1).catch((e: unknown) => e);
    expect(duplicate).toBeInstanceOf(DataError);
    expect(duplicate).toMatchObject({ code: 'TENON_DATA_UNIQUE_VIOLATION' });
    await insert(2);
    // A syntax error prepares nothing: the same text fails the same way each time.
    for (let i = 0; i < 2; i++) {
      await expect(sql`select nme from items where id = ${1}`.execute(db)).rejects.toThrow(
        'column "nme" does not exist',
      );
    }
    // Inside a transaction the failure aborts it, as with any statement.
    await expect(
      database.transactions.run(async () => {
        await insert(3);
        await insert(3);
      }),
    ).rejects.toMatchObject({ code: 'TENON_DATA_UNIQUE_VIOLATION' });
    expect(
      (await sql<{ n: number }>`select count(*)::int as n from items where id > ${0}`.execute(db)).rows,
    ).toEqual([{ n: 2 }]);
    await database.close();
  });

  it('follows schema changes, its own and those made on the same PGlite by others', async () => {
    const database = await connect();
    const db = database.kysely;
    const byId = () => sql<Record<string, unknown>>`select * from items where id = ${1}`.execute(db);
    await sql`insert into items (id, name) values (${1}, ${'a'})`.execute(db);
    expect(Object.keys((await byId()).rows[0]!)).toHaveLength(6);
    await sql`alter table items add column extra text`.execute(db);
    expect((await byId()).rows[0]).toMatchObject({ id: 1, extra: null });
    // Same types, new name: what a prepared statement remembered of its result is dropped too.
    await sql`alter table items rename column name to title`.execute(db);
    expect((await byId()).rows[0]).toMatchObject({ id: 1, title: 'a' });
    // Behind its back: the prepared SELECT * would now return another row type.
    await pglite.exec('alter table items drop column doc');
    expect(Object.keys((await byId()).rows[0]!)).toEqual(['id', 'title', 'flag', 'big', 'at', 'extra']);
    await database.close();
  });

  it('gives every database on a shared PGlite its own names and closes them when the database closes', async () => {
    const before = await prepared();
    const [first, second] = [await connect(), await connect()];
    await sql`insert into items (id, name) values (${1}, ${'a'})`.execute(first.kysely);
    const read = (database: Database) =>
      sql<{ name: string }>`select name from items where id = ${1}`.execute(database.kysely);
    expect((await read(first)).rows).toEqual([{ name: 'a' }]);
    expect((await read(second)).rows).toEqual([{ name: 'a' }]);
    // Each database prepared its own `select name ...` (and its connection check), under its own names.
    const names = (
      await pglite.query<{ name: string }>(
        `select name from pg_prepared_statements where statement like 'select name from items%'`,
      )
    ).rows;
    expect(names).toHaveLength(2);
    expect(names[0]!.name.replace(/\d+$/, '')).not.toBe(names[1]!.name.replace(/\d+$/, ''));
    expect(await prepared()).toBeGreaterThanOrEqual(before + 3);
    await first.close();
    await second.close();
    expect(await prepared()).toBe(before);
    expect(pglite.closed).toBe(false);
  });

  it('keeps at most 256 statements prepared, closing the least recently used', async () => {
    const database = await connect();
    for (let i = 0; i < 300; i++) {
      expect((await sql`select ${sql.lit(i)} + ${1}::int as n`.execute(database.kysely)).rows).toEqual([
        { n: i + 1 },
      ]);
    }
    expect(await prepared()).toBeLessThanOrEqual(256);
    expect(await prepared()).toBeGreaterThanOrEqual(250);
    await database.close();
    expect(await prepared()).toBe(0);
  });

  it('retains nothing per statement: memory stays flat over thousands of them', async () => {
    const database = await connect();
    await pglite.exec("insert into items (id, name) values (1, 'a')");
    const lookup = () => sql`select * from items where id = ${1}`.execute(database.kysely);
    for (let i = 0; i < 500; i++) await lookup(); // prepared, compiled and optimized first
    const before = retainedHeap();
    for (let i = 0; i < 10_000; i++) await lookup();
    // PGlite's own protocol entry kept every reply parsed until its next query(): about 0.5 kB
    // a lookup, 5 MB here.
    expect(retainedHeap() - before).toBeLessThan(1_500_000);
    await database.close();
  }, 60_000);
});

describe('PGlite statements on a data folder', () => {
  it('keeps what was written through a prepared statement after the database is reopened', async () => {
    const { mkdtempSync, rmSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(join(tmpdir(), 'tenon-prepared-'));
    try {
      const url = `pglite://${join(dir, 'db')}`;
      const first = await Database.connect({ url });
      await sql`create table kept (id int primary key)`.execute(first.kysely);
      for (const id of [1, 2]) await sql`insert into kept values (${id})`.execute(first.kysely);
      await first.close();
      const second = await Database.connect({ url });
      expect(
        (await sql<{ id: number }>`select id from kept order by id`.execute(second.kysely)).rows,
      ).toEqual([{ id: 1 }, { id: 2 }]);
      await second.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
