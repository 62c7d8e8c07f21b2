import 'reflect-metadata';
import {
  DataError,
  Propagation,
  Transactional,
  TransactionManager,
  type Database,
  type DialectCapabilities,
} from '@tenon/data';
import { sql } from 'kysely';
import { withTimeout } from '../support/databases';
import { TodoRepository } from '../support/fixtures';
import { truncateAll, type ContractContext } from './repository.contract';

class Boom extends Error {}

/** What a driver throws for a deadlock, as PostgreSQL reports it (SQLSTATE 40P01). */
const deadlock = () => Object.assign(new Error('deadlock detected'), { code: '40P01' });

/** A service using @Transactional, as an application would write it. */
class TodoService {
  constructor(readonly todos: TodoRepository) {}

  @Transactional()
  async createTwo(fail: boolean): Promise<void> {
    await this.todos.save({ title: 'one' });
    await this.todos.save({ title: 'two' });
    if (fail) throw new Boom('second thoughts');
  }

  @Transactional({ propagation: Propagation.MANDATORY })
  async mustJoin(): Promise<number> {
    return this.todos.count();
  }

  @Transactional({ readOnly: true })
  async readOnlyWrite(): Promise<void> {
    await this.todos.save({ title: 'nope' });
  }
}

/** The transaction contract, run unchanged on every dialect; skips name their capability. */
export function transactionContract(ctx: ContractContext): void {
  describe('transactions', () => {
    let database: Database;
    let tm: TransactionManager;
    let todos: TodoRepository;
    let service: TodoService;
    const titles = async () => (await todos.findAll({ orderBy: { title: 'asc' } })).map((t) => t.title);

    beforeAll(() => {
      database = ctx.database;
      tm = database.transactions;
      todos = database.repository(TodoRepository);
      service = new TodoService(todos);
      TransactionManager.setDefault(tm);
    });
    afterAll(() => TransactionManager.clearDefault(tm));
    beforeEach(() => truncateAll(database));

    const caps = () => database.capabilities;
    /**
     * `it` when the dialect has the capability, otherwise `it.skip` with the reason in its name.
     * Capabilities depend on the dialect only, so the choice is made when the suite is defined.
     */
    const itWhen = (
      flag: keyof Omit<DialectCapabilities, 'dialect'>,
      expected: boolean,
      name: string,
      fn: () => Promise<void>,
    ) =>
      ctx.capabilities[flag] === expected
        ? it(name, fn)
        : it.skip(
            `${name} (skipped on ${ctx.capabilities.dialect}: capability ${flag} is ${String(!expected)})`,
            fn,
          );

    it('commits on success and rolls back on any error (@Transactional)', async () => {
      await service.createTwo(false);
      expect(await titles()).toEqual(['one', 'two']);
      await truncateAll(database);
      await expect(service.createTwo(true)).rejects.toBeInstanceOf(Boom);
      expect(await titles()).toEqual([]);
    });

    it('REQUIRED joins; a caught failure of a joined call makes the commit a coded rollback', async () => {
      const error = await tm
        .run(async () => {
          await todos.save({ title: 'outer' });
          await tm
            .run(async () => {
              await todos.save({ title: 'inner' });
              throw new Boom('inner');
            })
            .catch(() => undefined);
        })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DataError);
      expect((error as DataError).code).toBe('TENON_DATA_ROLLBACK_ONLY');
      expect((error as DataError).message).toMatch(
        /^Transaction #\d+ was rolled back instead of committed: a method that joined it threw \(marking it rollback-only\) and the error was caught\. Let the error propagate, or run the failing call with Propagation\.REQUIRES_NEW or NESTED so its failure stays its own\.$/,
      );
      expect(await titles()).toEqual([]);
    });

    it('setRollbackOnly rolls back quietly', async () => {
      const result = await tm.run(async (status) => {
        await todos.save({ title: 'x' });
        status.setRollbackOnly();
        return 'done';
      });
      expect(result).toBe('done');
      expect(await titles()).toEqual([]);
    });

    itWhen('savepoints', true, 'NESTED rolls back only its savepoint', async () => {
      await tm.run(async () => {
        await todos.save({ title: 'outer' });
        await tm
          .run(
            async (status) => {
              expect(status.isNested).toBe(true);
              await todos.save({ title: 'nested' });
              throw new Boom('nested');
            },
            { propagation: Propagation.NESTED },
          )
          .catch(() => undefined);
        await tm.run(() => todos.save({ title: 'nested ok' }), { propagation: Propagation.NESTED });
      });
      expect(await titles()).toEqual(['nested ok', 'outer']);
    });

    itWhen(
      'singleConnection',
      false,
      'REQUIRES_NEW commits independently of the outer transaction',
      async () => {
        await tm
          .run(async () => {
            await todos.save({ title: 'outer' });
            await tm.run(
              async (status) => {
                expect(status.isNewTransaction).toBe(true);
                await todos.save({ title: 'audit' });
              },
              { propagation: Propagation.REQUIRES_NEW },
            );
            throw new Boom('outer');
          })
          .catch(() => undefined);
        expect(await titles()).toEqual(['audit']);
      },
    );

    itWhen(
      'singleConnection',
      true,
      'REQUIRES_NEW and escaping queries are coded errors, never hangs',
      async () => {
        const run = tm.run(async () => {
          await todos.save({ title: 'outer' });
          return tm.run(() => todos.count(), { propagation: Propagation.REQUIRES_NEW });
        });
        const error = await withTimeout(run, 3000, 'REQUIRES_NEW on one connection').catch((e: unknown) => e);
        expect((error as DataError).code).toBe('TENON_DATA_SINGLE_CONNECTION_DEADLOCK');
        expect((error as DataError).message).toBe(
          `A new transaction (REQUIRES_NEW) was started on ${caps().dialect}, which has a single connection held by the transaction open in this async context: it would wait for itself forever. Run the work inside the open transaction (Propagation.REQUIRED or NESTED), or after it ends; use a server database (postgres://, mysql://) for independent concurrent transactions.`,
        );
        const escaping = tm.run(() => sql`select 1`.execute(database.kysely));
        const escaped = await withTimeout(escaping, 3000, 'root query inside a transaction').catch(
          (e: unknown) => e,
        );
        expect((escaped as DataError).code).toBe('TENON_DATA_SINGLE_CONNECTION_DEADLOCK');
        expect((escaped as DataError).message).toMatch(/^A query ran outside the open transaction/);
        const notSupported = tm.run(() =>
          tm.run(() => todos.count(), { propagation: Propagation.NOT_SUPPORTED }),
        );
        expect(await withTimeout(notSupported, 3000, 'NOT_SUPPORTED').catch((e: DataError) => e.code)).toBe(
          'TENON_DATA_SINGLE_CONNECTION_DEADLOCK',
        );
        expect(await titles()).toEqual([]);
      },
    );

    itWhen(
      'singleConnection',
      true,
      'queries from other async flows wait for the transaction instead of joining it',
      async () => {
        let release!: () => void;
        const gate = new Promise<void>((r) => (release = r));
        const tx = tm
          .run(async () => {
            await todos.save({ title: 'uncommitted' });
            await gate;
            throw new Boom('rollback');
          })
          .catch(() => undefined);
        await new Promise((r) => setTimeout(r, 20));
        const outside = todos.count();
        release();
        await tx;
        expect(await outside).toBe(0);
      },
    );

    itWhen('singleConnection', false, 'NOT_SUPPORTED runs outside the suspended transaction', async () => {
      await tm.run(async () => {
        await todos.save({ title: 'in tx' });
        const seen = await tm.run(() => todos.count(), { propagation: Propagation.NOT_SUPPORTED });
        expect(seen).toBe(0);
      });
      expect(await titles()).toEqual(['in tx']);
    });

    it('SUPPORTS, MANDATORY and NEVER', async () => {
      await tm.run((status) => expect(status.active).toBe(false), { propagation: Propagation.SUPPORTS });
      await tm.run(() =>
        tm.run((status) => expect(status.isNewTransaction).toBe(false), {
          propagation: Propagation.SUPPORTS,
        }),
      );
      const mandatory = await service.mustJoin().catch((e: DataError) => e);
      expect(mandatory).toBeInstanceOf(DataError);
      expect((mandatory as DataError).code).toBe('TENON_DATA_NO_TRANSACTION');
      expect((mandatory as DataError).message).toBe(
        'Propagation.MANDATORY needs an active transaction, but none is open in this async context. Call it from a @Transactional() method or inside TransactionManager.run(...).',
      );
      expect(await tm.run(() => service.mustJoin())).toBe(0);
      const never = await tm
        .run(() => tm.run(() => 1, { propagation: Propagation.NEVER }))
        .catch((e: DataError) => e);
      expect((never as DataError).code).toBe('TENON_DATA_TRANSACTION_EXISTS');
      expect((never as DataError).message).toBe(
        'Propagation.NEVER was requested, but a transaction is already open in this async context. Call the method outside any transaction, or use Propagation.SUPPORTS or NOT_SUPPORTED.',
      );
      expect(await tm.run(() => 1, { propagation: Propagation.NEVER })).toBe(1);
    });

    it('afterCommit runs only after a commit, afterRollback only after a rollback', async () => {
      const events: string[] = [];
      await tm.run(async (status) => {
        status.afterCommit(async () => {
          events.push(`commit sees ${await todos.count()}`);
        });
        status.afterRollback(() => void events.push('rollback'));
        await todos.save({ title: 'a' });
        events.push('body');
      });
      await tm
        .run(async () => {
          tm.afterCommit(() => void events.push('never'));
          tm.afterRollback(() => void events.push('rolled back'));
          throw new Boom('x');
        })
        .catch(() => undefined);
      expect(events).toEqual(['body', 'commit sees 1', 'rolled back']);
      expect(() => tm.afterCommit(() => undefined)).toThrow(
        expect.objectContaining({ code: 'TENON_DATA_NO_TRANSACTION' }) as Error,
      );
    });

    itWhen(
      'savepoints',
      true,
      'hooks registered in a rolled-back savepoint do not run at commit',
      async () => {
        const events: string[] = [];
        await tm.run(async () => {
          await tm
            .run(
              async (status) => {
                status.afterCommit(() => void events.push('nested commit'));
                status.afterRollback(() => void events.push('nested rollback'));
                throw new Boom('x');
              },
              { propagation: Propagation.NESTED },
            )
            .catch(() => undefined);
          tm.afterCommit(() => void events.push('outer commit'));
        });
        expect(events).toEqual(['nested rollback', 'outer commit']);
      },
    );

    it('a query issued after its transaction ended fails clearly', async () => {
      let later!: Promise<unknown>;
      await tm.run(async () => {
        await todos.save({ title: 'a' });
        // Fire-and-forget: runs after the commit, in the transaction's async context.
        later = new Promise((r) => setTimeout(r, 30)).then(() => todos.count());
      });
      const error = (await later.catch((e: unknown) => e)) as DataError;
      expect(error.code).toBe('TENON_DATA_TRANSACTION_ENDED');
      expect(error.message).toMatch(
        /^A query ran in transaction #\d+ after it was committed\. The query was probably started without await \(fire-and-forget\) or kept a transaction's executor\. Await every query inside the transaction, or run later work in its own transaction \(an afterCommit hook\)\.$/,
      );
      let kept!: ReturnType<TransactionManager['executor']>;
      await tm.run(() => {
        kept = tm.executor();
      });
      await expect(sql`select 1`.execute(kept)).rejects.toMatchObject({
        code: 'TENON_DATA_TRANSACTION_ENDED',
      });
    });

    it('a transaction past its timeout fails its next statement and rolls back', async () => {
      const error = await tm
        .run(
          async () => {
            await todos.save({ title: 'slow' });
            await new Promise((r) => setTimeout(r, 120));
            await todos.save({ title: 'late' });
          },
          { timeout: 60 },
        )
        .catch((e: DataError) => e);
      expect((error as DataError).code).toBe('TENON_DATA_TRANSACTION_TIMEOUT');
      expect((error as DataError).message).toMatch(
        /^Transaction #\d+ ran past its timeout of 60 ms; it is rolled back\. Do less work per transaction, or raise the timeout option\.$/,
      );
      expect(await titles()).toEqual([]);
    });

    itWhen('readOnlyTransactions', true, 'readOnly transactions reject writes', async () => {
      await expect(service.readOnlyWrite()).rejects.toThrow(/read-only|READ ONLY/i);
      expect(await titles()).toEqual([]);
    });

    itWhen('isolationLevels', true, 'applies the isolation level', async () => {
      const level = await tm.run(
        async () => {
          // MySQL's variables show the session level, not the running transaction's; InnoDB does.
          await todos.count();
          const query =
            caps().dialect === 'mysql'
              ? sql<{
                  level: string;
                }>`select trx_isolation_level as level from information_schema.innodb_trx where trx_mysql_thread_id = connection_id()`
              : sql<{ level: string }>`show transaction_isolation`;
          const rows = (await query.execute(database.executor())).rows as Record<string, string>[];
          return Object.values(rows[0]!)[0]!.toLowerCase().replace('-', ' ');
        },
        { isolation: 'serializable' },
      );
      expect(level).toBe('serializable');
    });

    it('findById (a statement compiled once) joins the transaction and keeps its guards', async () => {
      const first = await todos.findById(-1); // compiles and caches the lookup outside any transaction
      expect(first).toBeNull();
      const error = await tm
        .run(
          async () => {
            const saved = await todos.save({ title: 'inside' });
            // The cached statement runs on the transaction's connection: it sees the uncommitted row.
            expect((await todos.findById(saved.id))?.title).toBe('inside');
            await new Promise((r) => setTimeout(r, 120));
            await todos.findById(saved.id);
          },
          { timeout: 60 },
        )
        .catch((e: DataError) => e);
      expect((error as DataError).code).toBe('TENON_DATA_TRANSACTION_TIMEOUT');
      expect(await titles()).toEqual([]);
    });

    it('retry runs the whole transaction again after a transient failure; the failed attempts leave nothing', async () => {
      let attempts = 0;
      const result = await tm.run(
        async () => {
          attempts++;
          await todos.save({ title: `attempt ${attempts}` });
          if (attempts < 3) throw deadlock();
          return attempts;
        },
        { retry: { maxAttempts: 3, delay: 1 } },
      );
      expect(result).toBe(3);
      expect(await titles()).toEqual(['attempt 3']);
    });

    it('retry gives up after maxAttempts with the last error, and never retries other errors', async () => {
      let attempts = 0;
      const error = await tm
        .run(
          async () => {
            attempts++;
            await todos.save({ title: 'x' });
            throw deadlock();
          },
          { retry: { maxAttempts: 4, delay: 1 } },
        )
        .catch((e: unknown) => e);
      expect(attempts).toBe(4);
      expect((error as { code?: string }).code).toBe('40P01');
      attempts = 0;
      await expect(
        tm.run(
          () => {
            attempts++;
            throw new Boom('not transient');
          },
          { retry: true },
        ),
      ).rejects.toBeInstanceOf(Boom);
      expect(attempts).toBe(1);
      // Without retry, a transient failure is not retried either.
      attempts = 0;
      await expect(
        tm.run(() => {
          attempts++;
          throw deadlock();
        }),
      ).rejects.toMatchObject({ code: '40P01' });
      expect(attempts).toBe(1);
      expect(await titles()).toEqual([]);
    });

    it('only the call that began the transaction retries: a joined REQUIRED call with retry runs once', async () => {
      // The inner call joins the outer transaction: repeating only the inner part would run it
      // in a transaction the database already aborted, so its retry option is ignored.
      let outer = 0;
      let inner = 0;
      await expect(
        tm.run(async () => {
          outer++;
          await todos.save({ title: 'outer' });
          await tm.run(
            () => {
              inner++;
              throw deadlock();
            },
            { retry: { maxAttempts: 5, delay: 1 } },
          );
        }),
      ).rejects.toMatchObject({ code: '40P01' });
      expect([outer, inner]).toEqual([1, 1]);
      // With retry on the outer call, the whole transaction runs again, the joined call inside it.
      outer = 0;
      inner = 0;
      await tm.run(
        async () => {
          outer++;
          await todos.save({ title: `outer ${outer}` });
          await tm.run(() => {
            inner++;
            if (inner === 1) throw deadlock();
          });
        },
        { retry: { delay: 1 } },
      );
      expect([outer, inner]).toEqual([2, 2]);
      expect(await titles()).toEqual(['outer 2']);
    });

    it('rejects invalid options with a coded error', async () => {
      await expect(tm.run(() => 1, { propagation: 'SOMETIMES' as Propagation })).rejects.toMatchObject({
        code: 'TENON_DATA_INVALID_TRANSACTION_OPTIONS',
        message:
          'Invalid transaction options: propagation "SOMETIMES" is not one of REQUIRED, REQUIRES_NEW, NESTED, SUPPORTS, MANDATORY, NEVER, NOT_SUPPORTED.',
      });
      await expect(tm.run(() => 1, { timeout: -5 })).rejects.toMatchObject({
        message: 'Invalid transaction options: timeout must be a positive number of milliseconds, got -5.',
      });
      await expect(tm.run(() => 1, { retry: { maxAttempts: 0 } })).rejects.toMatchObject({
        code: 'TENON_DATA_INVALID_TRANSACTION_OPTIONS',
        message: 'Invalid transaction options: retry.maxAttempts must be an integer from 1 to 100, got 0.',
      });
    });
  });
}
