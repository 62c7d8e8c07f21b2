import 'reflect-metadata';
import {
  createSchema,
  TransactionConflictError,
  Transactional,
  TransactionManager,
  type Database,
  type IsolationLevel,
} from '@tenon/data';
import { sql } from 'kysely';
import { MYSQL_URL, openMysql, openPostgres, POSTGRES_URL } from '../support/databases';
import { AccountRepository, ENTITIES } from '../support/fixtures';

/** A promise both transactions wait on until both reached it: the first attempts overlap for sure. */
function barrier(parties: number): () => Promise<void> {
  let arrived = 0;
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return () => {
    if (++arrived === parties) open();
    return opened;
  };
}

/**
 * Two transfers written in opposite row order, as a naive service does. Each first attempt
 * locks its first row, then waits until the other did the same, so the second updates deadlock:
 * the database aborts one of them.
 */
class OppositeOrder {
  readonly attempts = { ab: 0, ba: 0 };
  private meet = barrier(2);

  constructor(private readonly database: Database) {}

  private async move(key: 'ab' | 'ba', first: string, second: string): Promise<void> {
    const attempt = ++this.attempts[key];
    await sql`update accounts set balance = balance - 1 where id = ${first}`.execute(
      this.database.executor(),
    );
    if (attempt === 1) await this.meet();
    await sql`update accounts set balance = balance + 1 where id = ${second}`.execute(
      this.database.executor(),
    );
  }

  @Transactional()
  plainAb(): Promise<void> {
    return this.move('ab', 'a', 'b');
  }

  @Transactional()
  plainBa(): Promise<void> {
    return this.move('ba', 'b', 'a');
  }

  @Transactional({ retry: { maxAttempts: 3, delay: 10 } })
  retriedAb(): Promise<void> {
    return this.move('ab', 'a', 'b');
  }

  @Transactional({ retry: { maxAttempts: 3, delay: 10 } })
  retriedBa(): Promise<void> {
    return this.move('ba', 'b', 'a');
  }
}

/**
 * Write skew under serializable isolation: each transaction reads one row and writes the other
 * from it, so no serial order gives what both saw; PostgreSQL aborts one with 40001 (at a
 * statement or at commit), MySQL's locking reads make it a deadlock (1213).
 */
async function writeSkew(database: Database, retry: boolean): Promise<PromiseSettledResult<void>[]> {
  const meet = barrier(2);
  const attempts = { a: 0, b: 0 };
  const run = (read: 'a' | 'b', write: 'a' | 'b') =>
    database.transactions.run(
      async () => {
        const attempt = ++attempts[read];
        const { rows } = await sql<{
          balance: string | number;
        }>`select balance from accounts where id = ${read}`.execute(database.executor());
        if (attempt === 1) await meet();
        await sql`update accounts set balance = ${Number(rows[0]!.balance) + 1} where id = ${write}`.execute(
          database.executor(),
        );
      },
      { isolation: 'serializable' as IsolationLevel, ...(retry ? { retry: { delay: 10 } } : {}) },
    );
  return Promise.allSettled([run('a', 'b'), run('b', 'a')]);
}

const TARGETS = [
  {
    name: 'PostgreSQL',
    url: POSTGRES_URL,
    variable: 'TENON_TEST_POSTGRES_URL',
    open: () => openPostgres('tx_retry', { pool: { max: 4 } }),
    dialect: 'postgres' as const,
    deadlockCause: { code: '40P01' },
  },
  {
    name: 'MySQL/MariaDB',
    url: MYSQL_URL,
    variable: 'TENON_TEST_MYSQL_URL',
    open: () => openMysql('tx_retry', { pool: { max: 4 } }),
    dialect: 'mysql' as const,
    deadlockCause: { errno: 1213 },
  },
];

describe.each(TARGETS)('transaction retry with real concurrency on $name', (t) => {
  const suite = t.url ? describe : describe.skip;
  suite(`${t.name}${t.url ? '' : ` (skipped: ${t.variable} is not set)`}`, () => {
    let database: Database;
    let accounts: AccountRepository;

    beforeAll(async () => {
      database = await t.open();
      await createSchema(database.kysely, ENTITIES, t.dialect);
      accounts = database.repository(AccountRepository);
      TransactionManager.setDefault(database.transactions);
    }, 30_000);
    afterAll(async () => {
      TransactionManager.clearDefault(database.transactions);
      await database.close();
    });
    beforeEach(async () => {
      await database.kysely.deleteFrom('accounts').execute();
      await accounts.saveAll([
        { id: 'a', balance: 100 },
        { id: 'b', balance: 100 },
      ]);
    });
    const balances = async () =>
      (await accounts.findAll({ orderBy: { id: 'asc' } })).map((a) => Number(a.balance));

    it('without retry, opposite lock orders deadlock and one transaction fails with TENON_DATA_TRANSACTION_CONFLICT', async () => {
      const service = new OppositeOrder(database);
      const results = await Promise.allSettled([service.plainAb(), service.plainBa()]);
      const failed = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
      expect(failed).toHaveLength(1);
      const error = failed[0]!.reason as TransactionConflictError;
      expect(error).toBeInstanceOf(TransactionConflictError);
      expect(error.code).toBe('TENON_DATA_TRANSACTION_CONFLICT');
      expect(error.reason).toBe('deadlock');
      expect(error.status).toBe(409);
      expect(error.cause).toMatchObject(t.deadlockCause);
      expect(service.attempts).toEqual({ ab: 1, ba: 1 });
      // Only the survivor's transfer is stored: one account gave 1 to the other.
      expect((await balances()).sort()).toEqual([101, 99]);
    }, 30_000);

    it('with @Transactional({ retry }), the aborted transaction runs again and both succeed', async () => {
      const service = new OppositeOrder(database);
      const results = await Promise.allSettled([service.retriedAb(), service.retriedBa()]);
      expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled']);
      // One of them ran twice: the deadlock happened, and the retry resolved it.
      expect(service.attempts.ab + service.attempts.ba).toBe(3);
      // a -> b then b -> a: each account lost one and gained one.
      expect(await balances()).toEqual([100, 100]);
    }, 30_000);

    it('serializable write skew: without retry one fails, with TransactionManager.run(fn, { retry }) both commit', async () => {
      const plain = await writeSkew(database, false);
      expect(
        plain.filter((r) => r.status === 'rejected').map((r) => (r as PromiseRejectedResult).reason),
      ).toEqual([expect.any(TransactionConflictError)]);
      await database.kysely.updateTable('accounts').set({ balance: 100 }).execute();
      const retried = await writeSkew(database, true);
      expect(retried.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled']);
      // Serial effect: the second transaction saw the first one's write (101), so one row is 102.
      expect((await balances()).sort()).toEqual([101, 102]);
    }, 30_000);
  });
});
