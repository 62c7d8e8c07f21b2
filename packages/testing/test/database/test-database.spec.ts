import 'reflect-metadata';
import { Column, CrudRepository, Entity, Id, Repository, TransactionManager } from '@tenon/data';
import {
  DatabaseNotStartedError,
  NoTestRunnerError,
  TestDatabase,
  TestTransactionOpenError,
  TestingErrorCode,
  TransactionLeftOpenError,
} from '@tenon/testing';
import type { TenonError } from '@tenon/core';

// Two entities on the same table name with different columns: what two test files of one
// worker may declare. Each gets a PostgreSQL schema of its own.
@Entity('notes')
class Note {
  @Id({ generated: true }) id!: number;
  @Column() text!: string;
}
@Repository(Note)
class NoteRepository extends CrudRepository<Note, number> {}

@Entity('notes')
class PricedNote {
  @Id({ generated: true }) id!: number;
  @Column() price!: number;
}
@Repository(PricedNote)
class PricedNoteRepository extends CrudRepository<PricedNote, number> {}

function caught(run: () => unknown): TenonError {
  try {
    run();
  } catch (error) {
    return error as TenonError;
  }
  throw new Error('expected an error');
}

const notStarted =
  '  Fix: create it with TestDatabase.setup({ entities }) at the top of the test file (it starts in beforeAll and stops in afterAll), and use it from beforeAll/beforeEach/tests only.';

// Each test drives a TestDatabase of its own, so the file passes in any order (--randomize).
describe('TestDatabase, driven by hand', () => {
  const open: TestDatabase[] = [];
  const started = async (entities: Function[] = [Note]): Promise<TestDatabase> => {
    const db = TestDatabase.create({ entities: entities as never });
    open.push(db);
    await db.start();
    return db;
  };
  afterEach(async () => {
    for (const db of open.splice(0)) await db.stop();
  });

  it('is not usable before start()', async () => {
    const db = TestDatabase.create({ entities: [Note] });
    const error = caught(() => db.database);
    expect(error).toBeInstanceOf(DatabaseNotStartedError);
    expect(error.code).toBe('TENON_TESTING_DATABASE_NOT_STARTED');
    expect(error.message).toBe(
      `Cannot use the database: the TestDatabase is not started yet.\n${notStarted}`,
    );
    await expect(db.begin()).rejects.toMatchObject({
      code: TestingErrorCode.DATABASE_NOT_STARTED,
      message: `Cannot begin a test transaction: the TestDatabase is not started yet.\n${notStarted}`,
    });
  });

  it('starts on the worker database, with the schema, and registers the transaction manager', async () => {
    const db = await started();
    const database = db.database;
    expect(db.dialect).toBe(process.env.TENON_TEST_POSTGRES_URL ? 'postgres' : 'pglite');
    expect(TransactionManager.getDefault()).toBe(database.transactions);
    await db.begin();
    expect(db.inTestTransaction).toBe(true);
    await database.repository(NoteRepository).save({ text: 'kept until rollback' });
    expect(await database.repository(NoteRepository).count()).toBe(1);
    await db.rollback();
    expect(db.inTestTransaction).toBe(false);
    expect(await database.repository(NoteRepository).count()).toBe(0);
  }, 120_000);

  it('refuses to open a second test transaction before the first is rolled back', async () => {
    const db = await started();
    await db.begin();
    const error = await db.begin().catch((e: unknown) => e as TenonError);
    expect(error).toBeInstanceOf(TestTransactionOpenError);
    expect(error).toMatchObject({
      code: 'TENON_TESTING_TEST_TRANSACTION_OPEN',
      message:
        'Cannot begin a test transaction: the previous one is still open (rollback() was not called after the last test).\n' +
        '  Fix: let TestDatabase.setup() register the hooks, or pair every begin() in beforeEach with rollback() in afterEach.',
    });
    await db.rollback();
  }, 120_000);

  it('fails a test that left a transaction running, after rolling everything back', async () => {
    const db = await started();
    await db.begin();
    const notes = db.database.repository(NoteRepository);
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    // Not awaited: what a forgotten `await service.save()` looks like.
    const dangling = db.database.transactions.run(async () => {
      await notes.save({ text: 'written by a transaction nobody awaited' });
      await gate;
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    const error = await db.rollback().catch((e: unknown) => e as TenonError);
    expect(error).toBeInstanceOf(TransactionLeftOpenError);
    expect(error).toMatchObject({
      code: 'TENON_TESTING_TRANSACTION_LEFT_OPEN',
      message:
        'The test ended with 1 application transaction still open; everything was rolled back.\n' +
        '  This usually means a call that runs in a transaction (a @Transactional() method, TransactionManager.run) was not awaited.\n' +
        '  Fix: await it (and return its promise from helpers) so the test ends after the transaction does.',
    });
    release();
    await dangling.catch(() => undefined);
    expect(await notes.count()).toBe(0);
  }, 120_000);

  it('runs statements a test starts concurrently, a failing one among them', async () => {
    const db = await started();
    await db.begin();
    const notes = db.database.repository(NoteRepository);
    // Each write is followed by the test transaction's savepoint move, which takes its turn with
    // the statements in flight beside it (PGlite's query lock).
    const saved = await Promise.all(Array.from({ length: 8 }, (_, i) => notes.save({ text: `note ${i}` })));
    expect(new Set(saved.map((n) => n.id)).size).toBe(8);
    const [, , failed] = await Promise.allSettled([
      notes.save({ text: 'a' }),
      notes.count(),
      db.database.kysely
        .selectFrom('no_such_table' as never)
        .selectAll()
        .execute(),
      notes.save({ text: 'b' }),
    ]);
    expect(failed.status).toBe('rejected');
    // (Which of the concurrent writes the failure's undo takes with it depends on their order.)
    expect(await notes.count()).toBeGreaterThanOrEqual(8);
    await db.rollback();
    expect(await notes.count()).toBe(0);
  }, 120_000);

  it('is not usable after stop(), and the worker database stays up for the next file', async () => {
    const db = await started();
    await db.stop();
    expect(caught(() => db.database).message).toBe(
      `Cannot use the database: the TestDatabase is stopped.\n${notStarted}`,
    );
    await expect(db.start()).rejects.toMatchObject({ code: TestingErrorCode.DATABASE_NOT_STARTED });
    // What the next test file of this worker does: a table of the same name, other columns.
    const next = await started([PricedNote]);
    await next.begin();
    await next.database.repository(PricedNoteRepository).save({ price: 3 });
    expect(await next.database.repository(PricedNoteRepository).findBy({ price: 3 })).toHaveLength(1);
    await next.rollback();
  }, 120_000);
});

describe('TestDatabase.setup()', () => {
  it('says so when there is no test runner to register its hooks with', () => {
    const globals = globalThis as Record<string, unknown>;
    const saved = globals.beforeAll;
    delete globals.beforeAll;
    try {
      const error = caught(() => TestDatabase.setup());
      expect(error).toBeInstanceOf(NoTestRunnerError);
      expect(error.code).toBe('TENON_TESTING_NO_TEST_RUNNER');
      expect(error.message).toBe(
        "TestDatabase.setup() needs the test runner's beforeAll(), which is not defined here.\n" +
          '  Fix: call it at the top level of a jest test file (or a describe block), or use TestDatabase.create() and call start(), begin(), rollback() and stop() yourself.',
      );
    } finally {
      globals.beforeAll = saved;
    }
  });
});
