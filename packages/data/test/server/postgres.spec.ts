import 'reflect-metadata';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import {
  createSchema,
  Database,
  DatabaseUnavailableError,
  DataError,
  Migrations,
  OptimisticLockError,
  Transactional,
  TransactionManager,
} from '@tenon/data';
import { sql } from 'kysely';
import { openPostgres, POSTGRES_URL } from '../support/databases';
import { AccountRepository, ENTITIES, TodoRepository } from '../support/fixtures';

class Bank {
  constructor(private readonly accounts: AccountRepository) {}

  @Transactional()
  async increment(id: string): Promise<void> {
    const account = (await this.accounts.findById(id))!;
    account.balance += 1;
    await this.accounts.save(account);
  }

  @Transactional()
  async transfer(from: string, to: string, amount: number): Promise<void> {
    const [a, b] = [(await this.accounts.findById(from))!, (await this.accounts.findById(to))!];
    a.balance -= amount;
    b.balance += amount;
    // Rows are always written in id order, so two opposite transfers cannot deadlock.
    for (const account of [a, b].sort((x, y) => x.id.localeCompare(y.id))) await this.accounts.save(account);
  }
}

/** Retries on OptimisticLockError, as an application would. */
async function withRetry(fn: () => Promise<void>): Promise<number> {
  for (let attempt = 1; ; attempt++) {
    try {
      await fn();
      return attempt;
    } catch (error) {
      if (!(error instanceof OptimisticLockError) || attempt > 100) throw error;
    }
  }
}

const suite = POSTGRES_URL ? describe : describe.skip;

suite(`PostgreSQL specifics${POSTGRES_URL ? '' : ' (skipped: TENON_TEST_POSTGRES_URL is not set)'}`, () => {
  let database: Database;
  let accounts: AccountRepository;
  let bank: Bank;

  beforeAll(async () => {
    database = await openPostgres('pg_specifics', { pool: { max: 10 } });
    await createSchema(database.kysely, ENTITIES, 'postgres');
    accounts = database.repository(AccountRepository);
    bank = new Bank(accounts);
    TransactionManager.setDefault(database.transactions);
  }, 30_000);
  afterAll(async () => {
    TransactionManager.clearDefault(database.transactions);
    await database.close();
  });
  beforeEach(() => database.kysely.deleteFrom('accounts').execute());

  it('20 concurrent @Transactional increments of one versioned row, retried on OptimisticLockError, count exactly', async () => {
    await accounts.save({ id: 'counter', balance: 0 });
    const attempts = await Promise.all(
      Array.from({ length: 20 }, () => withRetry(() => bank.increment('counter'))),
    );
    const counter = (await accounts.findById('counter'))!;
    expect(counter.balance).toBe(20);
    expect(counter.version).toBe(20);
    // Real contention happened: some increments needed more than one attempt.
    expect(attempts.some((n) => n > 1)).toBe(true);
  }, 30_000);

  it('20 concurrent transfers between two accounts keep the sum', async () => {
    await accounts.saveAll([
      { id: 'a', balance: 1000 },
      { id: 'b', balance: 1000 },
    ]);
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        withRetry(() => (i % 2 === 0 ? bank.transfer('a', 'b', 5) : bank.transfer('b', 'a', 3))),
      ),
    );
    const [a, b] = [(await accounts.findById('a'))!, (await accounts.findById('b'))!];
    expect(a.balance + b.balance).toBe(2000);
    expect(a.balance).toBe(1000 - 10 * 5 + 10 * 3);
    expect(b.balance).toBe(1000 + 10 * 5 - 10 * 3);
  }, 30_000);

  it('terminated backends fail the running query clearly, then queries succeed again without a restart', async () => {
    const app = `tenon_kill_${process.pid}`;
    // Creates the schema; then the same schema is opened with an application_name to find it by.
    await (await openPostgres('pg_terminate')).close();
    const separator = POSTGRES_URL!.includes('?') ? '&' : '?';
    const url = `${POSTGRES_URL}${separator}options=${encodeURIComponent('-c search_path=tenon_pg_terminate')}&application_name=${app}`;
    const db = await Database.connect({ url, pool: { max: 3 } });
    await createSchema(db.kysely, ENTITIES, 'postgres');
    const todos = db.repository(TodoRepository);
    await todos.save({ title: 'before' });
    const admin = await Database.connect({ url: POSTGRES_URL! });
    try {
      const running = db.transactions.run(() => sql`select pg_sleep(10)`.execute(db.executor()));
      await new Promise((r) => setTimeout(r, 300));
      await sql`select pg_terminate_backend(pid) from pg_stat_activity where application_name = ${app}`.execute(
        admin.kysely,
      );
      const error = (await running.catch((e: unknown) => e)) as DataError;
      expect(error).toBeInstanceOf(DatabaseUnavailableError);
      expect(error.code).toBe('TENON_DATA_CONNECTION_LOST');
      // The HTTP layer answers coded errors with a status as that status: 503, not 500.
      expect((error as DatabaseUnavailableError).status).toBe(503);
      expect(error.message).toBe(
        'The connection to postgres at 127.0.0.1:5432 was lost while running a query: terminating connection due to administrator command. The query did not complete (a transaction it belonged to is rolled back); the pool opens a new connection for the next query, so retry the operation once the database is reachable.',
      );
      // No restart: the pool replaces the dead connections.
      expect(await todos.count()).toBe(1);
      await todos.save({ title: 'after' });
      expect((await todos.findAll({ orderBy: { title: 'asc' } })).map((t) => t.title)).toEqual([
        'after',
        'before',
      ]);
    } finally {
      await admin.close();
      await db.close();
    }
  }, 30_000);

  it('statements over statementTimeoutMs are cancelled with a coded error', async () => {
    const db = await Database.connect({ url: POSTGRES_URL!, statementTimeoutMs: 150 });
    try {
      const error = (await sql`select pg_sleep(2)`.execute(db.kysely).catch((e: unknown) => e)) as DataError;
      expect(error.code).toBe('TENON_DATA_STATEMENT_TIMEOUT');
      expect(error.message).toBe(
        'A query on postgres at 127.0.0.1:5432 was cancelled because it ran longer than the statement timeout (canceling statement due to statement timeout). Make the query cheaper (an index, a smaller page) or raise statementTimeoutMs.',
      );
      await expect(db.ping()).resolves.toBeUndefined();
    } finally {
      await db.close();
    }
  });

  it('two processes migrating at once apply each migration once (Kysely migration lock)', async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'tenon-pg-migrations-'));
    writeFileSync(
      path.join(folder, '001_slow.js'),
      `exports.up = async (db) => { await db.schema.createTable('slow_things').addColumn('id', 'integer').execute(); await new Promise((r) => setTimeout(r, 300)); };`,
    );
    const first = await openPostgres('pg_migrate_lock');
    const url = `${POSTGRES_URL}${POSTGRES_URL!.includes('?') ? '&' : '?'}options=${encodeURIComponent('-c search_path=tenon_pg_migrate_lock')}`;
    const second = await Database.connect({ url });
    try {
      const results = await Promise.all([
        new Migrations(first, folder).up(),
        new Migrations(second, folder).up(),
      ]);
      expect(results.flat()).toEqual(['001_slow']);
      expect((await new Migrations(first, folder).status())[0]!.executedAt).toBeInstanceOf(Date);
    } finally {
      await first.close();
      await second.close();
    }
  }, 30_000);
  it('runs repository lookups as statements prepared once per connection, which survive a schema change', async () => {
    const single = await openPostgres('pg_prepared', { pool: { max: 1 } });
    try {
      await createSchema(single.kysely, ENTITIES, 'postgres');
      const todos = single.repository(TodoRepository);
      const [a, b] = [await todos.save({ title: 'a' }), await todos.save({ title: 'b' })];
      expect((await todos.findById(a.id))?.title).toBe('a');
      expect((await todos.findById(b.id))?.title).toBe('b');
      const prepared = async () =>
        (
          await sql<{
            statement: string;
          }>`select statement from pg_prepared_statements order by prepare_time`.execute(single.kysely)
        ).rows.map((r) => r.statement);
      const insert =
        'insert into "todos" ("title", "done", "created_at", "updated_at", "created_by", "updated_by", "version") ' +
        'values ($1, $2, $3, $4, $5, $6, $7) returning *';
      expect(await prepared()).toEqual([insert, 'select * from "todos" where "id" = $1']);
      // A migration run while the pool is open changes what SELECT * returns: the prepared
      // statement would fail with "cached plan must not change result type"; the lookup runs
      // unnamed instead, then and afterwards.
      await sql`alter table todos add column note text`.execute(single.kysely);
      const found = (await todos.findById(a.id)) as unknown as Record<string, unknown>;
      expect(found).toMatchObject({ id: a.id, title: 'a' });
      expect((await todos.findById(b.id))?.title).toBe('b');
      expect((await todos.save({ title: 'c' })).title).toBe('c');
      // Ad-hoc queries are not prepared.
      expect(await prepared()).toEqual([insert, 'select * from "todos" where "id" = $1']);
    } finally {
      await single.close();
    }
  });
});
