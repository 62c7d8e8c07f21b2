import 'reflect-metadata';
import { Kysely, PGliteDialect, sql, type Dialect } from 'kysely';
import { RollbackDriver } from '../../src/database/rollback-driver';
import { sharedPglite, type PGliteInstance } from '../../src/database/shared-pglite';

interface Schema {
  accounts: { id: number; name: string; balance: number };
}

let pglite: PGliteInstance;
let driver: RollbackDriver;
let db: Kysely<Schema>;

function rollbackDialect(inner: Dialect): Dialect {
  return {
    createDriver: () => (driver = new RollbackDriver(inner.createDriver(), { closeInner: false })),
    createAdapter: () => inner.createAdapter(),
    createQueryCompiler: () => inner.createQueryCompiler(),
    createIntrospector: (k) => inner.createIntrospector(k),
  };
}

// Whether the session is inside a transaction block, asked of PGlite itself.
const inTransaction = (): boolean => (pglite as unknown as { isInTransaction(): boolean }).isInTransaction();

const names = async (): Promise<string[]> =>
  (await db.selectFrom('accounts').select('name').orderBy('name').execute()).map((r) => r.name);

beforeAll(async () => {
  pglite = await sharedPglite();
  // PGlite's own type is not this package's structural one: kysely only needs query/transaction.
  db = new Kysely<Schema>({ dialect: rollbackDialect(new PGliteDialect({ pglite: pglite as never })) });
  await sql`drop table if exists accounts`.execute(db);
  await sql`create table accounts (id int primary key, name text unique not null, balance int not null)`.execute(
    db,
  );
  await db.insertInto('accounts').values({ id: 1, name: 'seed', balance: 0 }).execute();
}, 60_000);

afterAll(async () => {
  await sql`drop table if exists accounts`.execute(db);
  await db.destroy();
});

describe('RollbackDriver', () => {
  it('undoes what a test wrote when the test transaction is rolled back', async () => {
    await driver.beginTest();
    await db.insertInto('accounts').values({ id: 2, name: 'ada', balance: 10 }).execute();
    expect(await names()).toEqual(['ada', 'seed']);
    expect(await driver.rollbackTest()).toBe(0);
    expect(await names()).toEqual(['seed']);
  });

  it('turns an application transaction into a savepoint: its commit is visible, then rolled back with the test', async () => {
    await driver.beginTest();
    await db.transaction().execute(async (tx) => {
      await tx.insertInto('accounts').values({ id: 3, name: 'bob', balance: 5 }).execute();
      expect(driver.state).toEqual({ open: true, depth: 1 });
    });
    expect(driver.state.depth).toBe(0);
    expect(await names()).toEqual(['bob', 'seed']);
    await driver.rollbackTest();
    expect(await names()).toEqual(['seed']);
  });

  it('rolls back only the failed application transaction, and the test goes on', async () => {
    await driver.beginTest();
    await db.insertInto('accounts').values({ id: 4, name: 'kept', balance: 1 }).execute();
    await expect(
      db.transaction().execute(async (tx) => {
        await tx.insertInto('accounts').values({ id: 5, name: 'undone', balance: 1 }).execute();
        throw new Error('business rule');
      }),
    ).rejects.toThrow('business rule');
    expect(await names()).toEqual(['kept', 'seed']);
    await driver.rollbackTest();
  });

  it('keeps the test transaction usable after a failing statement (a unique violation the test expects)', async () => {
    await driver.beginTest();
    await expect(
      db.insertInto('accounts').values({ id: 6, name: 'seed', balance: 0 }).execute(),
    ).rejects.toThrow(/unique|duplicate/i);
    await db.insertInto('accounts').values({ id: 7, name: 'after', balance: 0 }).execute();
    expect(await names()).toEqual(['after', 'seed']);
    await driver.rollbackTest();
  });

  it('supports savepoints inside an application transaction (nested transactions)', async () => {
    await driver.beginTest();
    const trx = await db.startTransaction().execute();
    await trx.insertInto('accounts').values({ id: 8, name: 'outer', balance: 0 }).execute();
    const sp = await trx.savepoint('inner').execute();
    await sp.insertInto('accounts').values({ id: 9, name: 'inner', balance: 0 }).execute();
    const back = await sp.rollbackToSavepoint('inner').execute();
    await back.commit().execute();
    expect(await names()).toEqual(['outer', 'seed']);
    await driver.rollbackTest();
    expect(await names()).toEqual(['seed']);
  });

  it('reports application transactions a test left open, and still rolls everything back', async () => {
    await driver.beginTest();
    const trx = await db.startTransaction().execute();
    await trx.insertInto('accounts').values({ id: 10, name: 'dangling', balance: 0 }).execute();
    expect(await driver.rollbackTest()).toBe(1);
    // The forgotten transaction still holds kysely's connection lock until it ends.
    await trx.rollback().execute();
    expect(await names()).toEqual(['seed']);
  });

  it('passes transactions through unchanged outside a test transaction', async () => {
    await db.transaction().execute(async (tx) => {
      await tx.insertInto('accounts').values({ id: 11, name: 'committed', balance: 0 }).execute();
    });
    expect(await names()).toEqual(['committed', 'seed']);
    await db.deleteFrom('accounts').where('id', '=', 11).execute();
  });

  it('rolls a test back and opens the next one’s transaction in one call, which beginTest() takes over', async () => {
    await driver.beginTest();
    await db.insertInto('accounts').values({ id: 12, name: 'first', balance: 0 }).execute();
    expect(await driver.rollbackTestAndBeginNext()).toBe(0);
    expect(driver.state.open).toBe(false);
    expect(inTransaction()).toBe(true);
    await driver.beginTest();
    await db.insertInto('accounts').values({ id: 13, name: 'second', balance: 0 }).execute();
    expect(await names()).toEqual(['second', 'seed']);
    await driver.rollbackTest();
    expect(await names()).toEqual(['seed']);
    expect(inTransaction()).toBe(false);
  });

  it('runs a statement that comes before the next test outside any test transaction', async () => {
    await driver.beginTest();
    await driver.rollbackTestAndBeginNext();
    await db.insertInto('accounts').values({ id: 14, name: 'between', balance: 0 }).execute();
    expect(inTransaction()).toBe(false); // the transaction opened ahead was rolled back first
    await driver.beginTest();
    await driver.rollbackTest();
    expect(await names()).toEqual(['between', 'seed']);
    await db.deleteFrom('accounts').where('id', '=', 14).execute();
  });

  it('runs an application transaction that comes before the next test as itself', async () => {
    await driver.beginTest();
    await driver.rollbackTestAndBeginNext();
    await db.transaction().execute(async (tx) => {
      await tx.insertInto('accounts').values({ id: 15, name: 'committed', balance: 0 }).execute();
    });
    expect(inTransaction()).toBe(false);
    expect(await names()).toEqual(['committed', 'seed']);
    await db.deleteFrom('accounts').where('id', '=', 15).execute();
  });

  it('discards a transaction opened ahead that no test took over', async () => {
    await driver.beginTest();
    await driver.rollbackTestAndBeginNext();
    await driver.discardNext();
    expect(inTransaction()).toBe(false);
    await driver.discardNext(); // nothing left to discard
    expect(driver.state).toEqual({ open: false, depth: 0 });
  });

  it('shares one PGlite per worker, across jest’s per-file module registries', async () => {
    let fromAnotherFile: Promise<PGliteInstance> | undefined;
    // A fresh module registry, as jest gives the next test file this worker runs.
    jest.isolateModules(() => {
      const isolated = jest.requireActual<typeof import('../../src/database/shared-pglite')>(
        '../../src/database/shared-pglite',
      );
      fromAnotherFile = isolated.sharedPglite();
    });
    expect(await fromAnotherFile).toBe(pglite);
  });
});
