import 'reflect-metadata';
import { Database, executeWithPrelude, sql } from '@tenon/data';
import type { DatabaseConnection, Driver, Kysely } from 'kysely';
import { pgliteSimpleQuery } from '../../src/database/pglite-simple-query';
import { RollbackDriver } from '../../src/database/rollback-driver';
import { sharedPglite } from '../../src/database/shared-pglite';

const POSTGRES_URL = process.env.TENON_TEST_POSTGRES_URL;
const SCHEMA = 'tenon_statement_savepoint_spec';

/** A Database whose driver is a RollbackDriver, and a log of the bookkeeping calls it makes. */
interface Opened {
  database: Database;
  driver: RollbackDriver;
}
type Open = (withPrelude: boolean, calls: string[]) => Promise<Opened>;

const openPglite: Open = async (withPrelude, calls) => {
  const pglite = await sharedPglite();
  const exec = pgliteSimpleQuery(pglite);
  let driver!: RollbackDriver;
  const database = await Database.connect({
    url: 'pglite://memory',
    pglite,
    wrapDriver: (inner) =>
      (driver = new RollbackDriver(inner, {
        closeInner: false,
        foreignRealm: true,
        exec: (text) => {
          calls.push(text);
          return exec(text);
        },
        ...(withPrelude ? { prelude: executeWithPrelude } : {}),
      })),
  });
  return { database, driver };
};

/**
 * As TestDatabase connects to a server: a pool of one, several bookkeeping statements in one
 * simple query. The bookkeeping goes through the connection: a proxy in front of it logs those
 * calls (the statement savepoint's), and hands every other call to Kysely's connection.
 */
const openPostgres: Open = async (withPrelude, calls) => {
  const admin = await Database.connect({ url: POSTGRES_URL! });
  await sql`drop schema if exists ${sql.id(SCHEMA)} cascade`.execute(admin.kysely);
  await sql`create schema ${sql.id(SCHEMA)}`.execute(admin.kysely);
  await admin.close();
  const logged = (connection: DatabaseConnection): DatabaseConnection =>
    new Proxy(connection, {
      get: (inner, key) => {
        const value: unknown = Reflect.get(inner, key);
        if (key === 'executeQuery')
          return (query: Parameters<DatabaseConnection['executeQuery']>[0]) => {
            if (query.sql.includes('tenon_test_stmt')) calls.push(query.sql);
            return inner.executeQuery(query);
          };
        return typeof value === 'function' ? (value as () => unknown).bind(inner) : value;
      },
    });
  const logging = (inner: Driver): Driver =>
    new Proxy(inner, {
      get: (driver, key) => {
        if (key === 'acquireConnection') return () => driver.acquireConnection().then(logged);
        const value: unknown = Reflect.get(driver, key);
        return typeof value === 'function' ? (value as () => unknown).bind(driver) : value;
      },
    });
  let driver!: RollbackDriver;
  const separator = POSTGRES_URL!.includes('?') ? '&' : '?';
  const database = await Database.connect({
    url: `${POSTGRES_URL}${separator}options=${encodeURIComponent(`-c search_path=${SCHEMA}`)}`,
    pool: { max: 1 },
    wrapDriver: (inner) =>
      (driver = new RollbackDriver(logging(inner), {
        closeInner: true,
        multiStatement: true,
        ...(withPrelude ? { prelude: executeWithPrelude } : {}),
      })),
  });
  return { database, driver };
};

const ENGINES: [string, Open | undefined][] = [
  ['PGlite', openPglite],
  [
    POSTGRES_URL ? 'PostgreSQL' : 'PostgreSQL (skipped: TENON_TEST_POSTGRES_URL is not set)',
    POSTGRES_URL ? openPostgres : undefined,
  ],
];
const CASES = ENGINES.flatMap(([engine, open]) => [
  [engine, 'with the move sent ahead of the next statement', true, open] as const,
  [engine, 'with the move in a call of its own', false, open] as const,
]);

// The savepoint that lets a test go on after a statement fails (a unique violation it expects)
// falls behind after each write and moves up with the next statement: in the same call when
// the connection takes a prelude (@tenon/data's PGlite and PostgreSQL connections), in a call of
// its own otherwise. Either way a failing statement must undo itself alone, whatever ran before it.
describe.each(CASES)('the statement savepoint on %s, %s', (_engine, _label, withPrelude, open) => {
  const suite = open ? describe : describe.skip;
  suite('in a test transaction', () => {
    let database: Database;
    let driver: RollbackDriver;
    let db: Kysely<Record<string, Record<string, unknown>>>;
    const calls: string[] = [];

    beforeAll(async () => {
      ({ database, driver } = await open!(withPrelude, calls));
      db = database.kysely as never;
      await sql`drop table if exists savepoint_notes`.execute(db);
      await sql`create table savepoint_notes (id int primary key, body text not null)`.execute(db);
    }, 60_000);

    afterAll(async () => {
      await sql`drop table if exists savepoint_notes`.execute(db);
      await database.close();
    });

    beforeEach(() => driver.beginTest());
    afterEach(() => driver.rollbackTest());

    const write = (id: number, body = `note ${id}`) =>
      db.insertInto('savepoint_notes').values({ id, body }).execute();
    const ids = async (): Promise<number[]> =>
      (await db.selectFrom('savepoint_notes').select('id').orderBy('id').execute()).map(
        (r) => r.id as number,
      );
    const failingRead = () => sql`select 'not a number'::int`.execute(db);

    it('undoes a failing write alone, after several writes', async () => {
      await write(1);
      await write(2);
      await expect(write(1)).rejects.toMatchObject({ code: 'TENON_DATA_UNIQUE_VIOLATION' });
      await write(3);
      expect(await ids()).toEqual([1, 2, 3]);
    });

    it('undoes a failing read alone, right after a write', async () => {
      await write(1);
      await expect(failingRead()).rejects.toMatchObject({ code: 'TENON_DATA_INVALID_VALUE' });
      expect(await ids()).toEqual([1]);
    });

    it('keeps the writes of a committed application transaction when a later statement fails', async () => {
      await write(1);
      expect(await ids()).toEqual([1]); // the savepoint is up to date again
      await db.transaction().execute(async (tx) => {
        await tx.insertInto('savepoint_notes').values({ id: 2, body: 'in a transaction' }).execute();
      });
      await expect(write(2)).rejects.toMatchObject({ code: 'TENON_DATA_UNIQUE_VIOLATION' });
      expect(await ids()).toEqual([1, 2]);
    });

    it('keeps the writes before an application transaction that rolled back', async () => {
      await write(1);
      await expect(
        db.transaction().execute(async (tx) => {
          await tx.insertInto('savepoint_notes').values({ id: 2, body: 'undone' }).execute();
          throw new Error('business rule');
        }),
      ).rejects.toThrow('business rule');
      await expect(failingRead()).rejects.toMatchObject({ code: 'TENON_DATA_INVALID_VALUE' });
      expect(await ids()).toEqual([1]);
    });

    it('keeps the writes when reads came between them and the failing statement', async () => {
      await write(1);
      expect(await ids()).toEqual([1]);
      await write(2);
      expect(await ids()).toEqual([1, 2]);
      await expect(write(2)).rejects.toMatchObject({ code: 'TENON_DATA_UNIQUE_VIOLATION' });
      expect(await ids()).toEqual([1, 2]);
    });

    it('costs no call of its own after the writes when the move goes ahead of the next statement', async () => {
      calls.length = 0;
      await write(1);
      await write(2);
      expect(await ids()).toEqual([1, 2]);
      await write(3);
      // Without a prelude, one call before each statement that follows a write; none after the last.
      expect(calls).toHaveLength(withPrelude ? 0 : 2);
    });
  });
});
