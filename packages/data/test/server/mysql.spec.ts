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
    expect(error.message).toBe(
      'The connection to mysql at 127.0.0.1:3306 was lost while running a query: Connection lost: The server closed the connection. The query did not complete (a transaction it belonged to is rolled back); the pool opens a new connection for the next query, so retry the operation once the database is reachable.',
    );
    expect((await sql<{ one: number }>`select 1 as one`.execute(database.kysely)).rows).toEqual([{ one: 1 }]);
  }, 30_000);
});
