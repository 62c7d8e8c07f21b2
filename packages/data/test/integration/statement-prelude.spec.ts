import 'reflect-metadata';
import { PGlite } from '@electric-sql/pglite';
import { CompiledQuery, type DatabaseConnection, type Driver } from 'kysely';
import { Database, executeWithPrelude } from '@tenon/data';

// executeWithPrelude(): statements sent ahead of a query in the same call, what @tenon/testing's
// test transaction uses to move its savepoint. Checked on PGlite, whose connections take it.
describe('executeWithPrelude', () => {
  let pglite: PGlite;
  let database: Database;
  let driver: Driver;
  let connection: DatabaseConnection;

  beforeAll(async () => {
    pglite = await PGlite.create();
    database = await Database.connect({
      url: 'pglite://memory',
      pglite,
      wrapDriver: (inner) => (driver = inner),
    });
    // Kysely connects its driver on the first statement.
    await database.kysely.selectNoFrom((eb) => eb.val(1).as('one')).execute();
    connection = await driver.acquireConnection();
  }, 60_000);

  afterAll(async () => {
    await driver.releaseConnection(connection);
    await database.close();
    await pglite.close();
  });

  beforeEach(() =>
    pglite.exec('drop table if exists notes; create table notes (id int primary key, body text)'),
  );

  const count = async (): Promise<number> =>
    (await pglite.query<{ n: number }>('select count(*)::int as n from notes')).rows[0]!.n;
  const query = (sql: string, parameters: unknown[] = []) => CompiledQuery.raw(sql, parameters);

  it('runs the prelude, then the statement, and returns the statement’s result alone', async () => {
    const result = await executeWithPrelude<{ n: number }>(
      connection,
      "insert into notes values (1, 'a'); insert into notes values (2, 'b')",
      query('select count(*)::int as n from notes where id > $1', [0]),
    );
    expect(result?.rows).toEqual([{ n: 2 }]);
    // Prepared now: the second run sends no Parse, and still runs the prelude first.
    const again = await executeWithPrelude<{ n: number }>(
      connection,
      "insert into notes values (3, 'c')",
      query('select count(*)::int as n from notes where id > $1', [1]),
    );
    expect(again?.rows).toEqual([{ n: 2 }]);
  });

  it('moves a savepoint ahead of the statement: rolling back to it undoes that statement alone', async () => {
    await pglite.exec('begin');
    try {
      await pglite.exec("savepoint s; insert into notes values (1, 'kept')");
      await expect(
        executeWithPrelude(
          connection,
          'release savepoint s; savepoint s',
          query('insert into notes values ($1, $2)', [1, 'duplicate']),
        ),
      ).rejects.toMatchObject({ code: '23505' });
      await pglite.exec('rollback to savepoint s');
      expect(await count()).toBe(1);
    } finally {
      await pglite.exec('rollback');
    }
  });

  it('fails with the prelude’s error, and the statement does not run', async () => {
    await pglite.exec('begin');
    try {
      const failing = executeWithPrelude(
        connection,
        'release savepoint never_made',
        query('insert into notes values ($1, $2)', [1, 'x']),
      );
      await expect(failing).rejects.toMatchObject({
        code: '3B001',
        message: 'savepoint "never_made" does not exist',
        query: 'release savepoint never_made',
      });
    } finally {
      await pglite.exec('rollback');
    }
    expect(await count()).toBe(0);
  });

  it('runs the prelude first also for statements PGlite must serialize itself (a Date parameter)', async () => {
    await pglite.exec('alter table notes add column at timestamptz');
    const at = new Date('2026-11-25T08:00:00.000Z');
    const result = await executeWithPrelude<{ n: number }>(
      connection,
      "insert into notes values (1, 'a', '2026-11-25T08:00:00Z')",
      query('select count(*)::int as n from notes where at = $1', [at]),
    );
    expect(result?.rows).toEqual([{ n: 1 }]);
  });

  it('forgets the prepared statements when the prelude changes the schema', async () => {
    const select = query('select * from notes where id = $1', [1]);
    await pglite.exec("insert into notes values (1, 'a')");
    // In a transaction, where a stale prepared statement could not be retried.
    await pglite.exec('begin');
    try {
      expect((await connection.executeQuery(select)).rows).toEqual([{ id: 1, body: 'a' }]);
      const result = await executeWithPrelude(connection, 'alter table notes add column extra int', select);
      expect(result?.rows).toEqual([{ id: 1, body: 'a', extra: null }]);
    } finally {
      await pglite.exec('rollback');
    }
  });

  it('returns undefined for a connection that cannot take a prelude', () => {
    const plain: DatabaseConnection = {
      executeQuery: () => Promise.reject(new Error('not called')),
      streamQuery: () => {
        throw new Error('not called');
      },
    };
    expect(executeWithPrelude(plain, 'select 1', query('select 2'))).toBeUndefined();
  });
});
