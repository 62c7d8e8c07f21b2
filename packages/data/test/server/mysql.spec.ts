import 'reflect-metadata';
import { DataError, type Database } from '@tenon/data';
import { sql } from 'kysely';
import { MYSQL_URL, openMysql } from '../support/databases';

const suite = MYSQL_URL ? describe : describe.skip;

suite(`MySQL/MariaDB specifics${MYSQL_URL ? '' : ' (skipped: TENON_TEST_MYSQL_URL is not set)'}`, () => {
  let database: Database;
  let admin: Database;

  beforeAll(async () => {
    database = await openMysql('mysql_specifics', { pool: { max: 3 } });
    admin = await openMysql('mysql_specifics_admin');
  }, 30_000);
  afterAll(async () => {
    await database.close();
    await admin.close();
  });

  it('a killed connection fails the running query clearly, then queries succeed again without a restart', async () => {
    const running = database.transactions.run(() => sql`select sleep(10)`.execute(database.executor()));
    await new Promise((r) => setTimeout(r, 300));
    const { rows } = await sql<{
      id: number;
    }>`select id from information_schema.processlist where info like 'select sleep(10)%'`.execute(
      admin.kysely,
    );
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) await sql`kill ${sql.raw(String(Number(row.id)))}`.execute(admin.kysely);
    const error = (await running.catch((e: unknown) => e)) as DataError;
    expect(error).toBeInstanceOf(DataError);
    expect(error.code).toBe('TENON_DATA_CONNECTION_LOST');
    expect((error as DataError & { status?: number }).status).toBe(503);
    expect(error.message).toBe(
      'The connection to mysql at 127.0.0.1:3306 was lost while running a query: Connection lost: The server closed the connection. The query did not complete (a transaction it belonged to is rolled back); the pool opens a new connection for the next query, so retry the operation once the database is reachable.',
    );
    expect((await sql<{ one: number }>`select 1 as one`.execute(database.kysely)).rows).toEqual([{ one: 1 }]);
  }, 30_000);

  it('statements over statementTimeoutMs are cancelled with a coded error on every pooled connection', async () => {
    const timed = await openMysql('mysql_statement_timeout', { statementTimeoutMs: 150, pool: { max: 3 } });
    try {
      const started = Date.now();
      // Three at once: each runs on its own connection, and each connection got the timeout.
      const errors = (await Promise.all(
        [1, 2, 3].map(() => sql`select sleep(2)`.execute(timed.kysely).catch((e: unknown) => e)),
      )) as DataError[];
      expect(Date.now() - started).toBeLessThan(1500);
      for (const error of errors) {
        expect(error).toBeInstanceOf(DataError);
        expect(error.code).toBe('TENON_DATA_STATEMENT_TIMEOUT');
        expect(error.message).toBe(
          'A query on mysql at 127.0.0.1:3306 was cancelled because it ran longer than the statement timeout (Query execution was interrupted (max_statement_time exceeded)). Make the query cheaper (an index, a smaller page) or raise statementTimeoutMs.',
        );
      }
      // Inside a transaction too; the transaction rolls back and the pool keeps working.
      const inTransaction = await timed.transactions
        .run(() => sql`select sleep(2)`.execute(timed.executor()))
        .catch((e: unknown) => e);
      expect(inTransaction).toMatchObject({ code: 'TENON_DATA_STATEMENT_TIMEOUT' });
      expect((await sql<{ one: number }>`select 1 as one`.execute(timed.kysely)).rows).toEqual([{ one: 1 }]);
    } finally {
      await timed.close();
    }
  }, 30_000);
});
