import 'reflect-metadata';
import { PGlite } from '@electric-sql/pglite';
import { CompiledQuery, type DatabaseConnection, type Driver, type QueryResult } from 'kysely';
import {
  Column,
  createSchema,
  CrudRepository,
  Database,
  Entity,
  executeWithPrelude,
  Id,
  Repository,
  type DatabaseOptions,
} from '@tenon/data';
import { markPreparable } from '../../src/connection/prepared-statement-names';
import { openPostgres, POSTGRES_URL } from '../support/databases';

@Entity('prelude_members')
class Member {
  @Id({ generated: 'identity' }) id!: number;
  @Column({ unique: true }) email!: string;
}

@Repository(Member)
class MemberRepository extends CrudRepository<Member, number> {}

/** How a test reaches its database: the connection under test and the session it is on. */
interface Session {
  database: Database;
  connection: DatabaseConnection;
  /** Statements without parameters (several allowed) on the connection's session. */
  exec(sql: string): Promise<void>;
  close(): Promise<void>;
}

interface Target {
  name: string;
  open?: (file: string) => Promise<Session>;
  /** A database of its own whose driver is `wrapDriver(Database's driver)`. */
  connect?: (file: string, options: DatabaseOptions) => Promise<Database>;
}

async function session(database: Database, acquired: () => Driver, exec?: Session['exec']): Promise<Session> {
  // Kysely connects its driver on the first statement.
  await database.kysely.selectNoFrom((eb) => eb.val(1).as('one')).execute();
  const driver = acquired();
  const connection = await driver.acquireConnection();
  return {
    database,
    connection,
    exec: exec ?? ((sql) => connection.executeQuery(CompiledQuery.raw(sql)).then(() => undefined)),
    close: async () => {
      await driver.releaseConnection(connection);
      await database.close();
    },
  };
}

const TARGETS: Target[] = [
  {
    name: 'pglite',
    open: async () => {
      const pglite = await PGlite.create();
      let driver!: Driver;
      const database = await Database.connect({
        url: 'pglite://memory',
        pglite,
        wrapDriver: (inner) => (driver = inner),
      });
      // PGlite's connection runs one statement per call: several go through the engine itself.
      const opened = await session(
        database,
        () => driver,
        (sql) => pglite.exec(sql).then(() => undefined),
      );
      return { ...opened, close: () => opened.close().then(() => pglite.close()) };
    },
    connect: (_file, options) => Database.connect({ ...options, url: 'pglite://memory' }),
  },
  POSTGRES_URL
    ? {
        name: 'postgres',
        open: async (file) => {
          let driver!: Driver;
          const database = await openPostgres(file, { wrapDriver: (inner) => (driver = inner) });
          return session(database, () => driver);
        },
        connect: openPostgres,
      }
    : { name: 'postgres (skipped: TENON_TEST_POSTGRES_URL is not set)' },
];

// executeWithPrelude(): statements sent ahead of a query in the same call, what @tenon/testing's
// test transaction uses to move its savepoint. Checked on each engine whose connections take it.
describe.each(TARGETS)('executeWithPrelude on $name', (target) => {
  const suite = target.open ? describe : describe.skip;
  suite('on a connection of its own', () => {
    let s: Session;
    // Texts prepared under a name the first time a connection runs them, as a repository's are;
    // unique per engine, so the statements are new to this connection.
    let marked = 0;
    const named = (sql: string): string => {
      const text = `${sql} -- ${target.name} ${++marked}`;
      markPreparable(text);
      return text;
    };

    beforeAll(async () => {
      s = await target.open!('statement_prelude');
    }, 60_000);

    afterAll(() => s.close());

    beforeEach(() =>
      s.exec('drop table if exists notes; create table notes (id int primary key, body text)'),
    );

    const count = async (): Promise<number> =>
      (await s.connection.executeQuery<{ n: number }>(query('select count(*)::int as n from notes'))).rows[0]!
        .n;
    const query = (sql: string, parameters: unknown[] = []) => CompiledQuery.raw(sql, parameters);
    const inTransaction = async (fn: () => Promise<void>): Promise<void> => {
      await s.exec('begin');
      try {
        await fn();
      } finally {
        await s.exec('rollback');
      }
    };

    it('runs the prelude, then the statement, and returns the statement’s result alone', async () => {
      const result = await executeWithPrelude<{ n: number }>(
        s.connection,
        "insert into notes values (1, 'a'); insert into notes values (2, 'b')",
        query('select count(*)::int as n from notes where id > $1', [0]),
      );
      expect(result?.rows).toEqual([{ n: 2 }]);
      // Prepared now: the second run sends no Parse, and still runs the prelude first.
      const again = await executeWithPrelude<{ n: number }>(
        s.connection,
        "insert into notes values (3, 'c')",
        query('select count(*)::int as n from notes where id > $1', [1]),
      );
      expect(again?.rows).toEqual([{ n: 2 }]);
    });

    it('moves a savepoint ahead of the statement: rolling back to it undoes that statement alone', async () => {
      await inTransaction(async () => {
        await s.exec("savepoint s; insert into notes values (1, 'kept')");
        await expect(
          executeWithPrelude(
            s.connection,
            'release savepoint s; savepoint s',
            query('insert into notes values ($1, $2)', [1, 'duplicate']),
          ),
        ).rejects.toMatchObject({ code: '23505' });
        await s.exec('rollback to savepoint s');
        expect(await count()).toBe(1);
      });
    });

    it('fails with the prelude’s error, and the statement does not run', async () => {
      await inTransaction(async () => {
        const failing = executeWithPrelude(
          s.connection,
          'release savepoint never_made',
          query('insert into notes values ($1, $2)', [1, 'x']),
        );
        await expect(failing).rejects.toMatchObject({
          code: '3B001',
          message: 'savepoint "never_made" does not exist',
          query: 'release savepoint never_made',
        });
      });
      expect(await count()).toBe(0);
    });

    it('runs the prelude first also for statements PGlite must serialize itself (a Date parameter)', async () => {
      await s.exec('alter table notes add column at timestamptz');
      const at = new Date('2026-11-25T08:00:00.000Z');
      const result = await executeWithPrelude<{ n: number }>(
        s.connection,
        "insert into notes values (1, 'a', '2026-11-25T08:00:00Z')",
        query('select count(*)::int as n from notes where at = $1', [at]),
      );
      expect(result?.rows).toEqual([{ n: 1 }]);
    });

    it('forgets the prepared statements when the prelude changes the schema', async () => {
      const select = query('select * from notes where id = $1', [1]);
      await s.exec("insert into notes values (1, 'a')");
      // In a transaction, where a stale prepared statement could not be retried.
      await inTransaction(async () => {
        expect((await s.connection.executeQuery(select)).rows).toEqual([{ id: 1, body: 'a' }]);
        const result = await executeWithPrelude(
          s.connection,
          'alter table notes add column extra int',
          select,
        );
        expect(result?.rows).toEqual([{ id: 1, body: 'a', extra: null }]);
      });
    });

    it('runs a statement prepared under its name with a prelude, on its first run and later ones', async () => {
      const text = named('select body from notes where id = $1');
      await s.exec("insert into notes values (1, 'a'), (2, 'b')");
      const runs = [
        [1, 'a'],
        [2, 'b'],
        [1, 'a'],
      ] as const;
      for (const [i, [id, body]] of runs.entries()) {
        const prelude = `insert into notes values (${10 + i}, 'p')`;
        const result = await executeWithPrelude(s.connection, prelude, query(text, [id]));
        expect(result?.rows).toEqual([{ body }]);
      }
      expect(await count()).toBe(5);
      if (target.name === 'postgres') {
        const { rows } = await s.connection.executeQuery<{ n: number }>(
          query('select count(*)::int as n from pg_prepared_statements where statement = $1', [text]),
        );
        expect(rows).toEqual([{ n: 1 }]);
      }
    });

    it('runs a named statement whose first run failed in the prelude as if it had never run', async () => {
      const text = named('select body from notes where id = $1');
      await s.exec("insert into notes values (1, 'a')");
      // The prelude's first statement succeeds (its Parse completes), the second fails: the
      // statement's own Parse, after them, never runs.
      await inTransaction(() =>
        expect(
          executeWithPrelude(s.connection, 'savepoint s; release savepoint never_made', query(text, [1])),
        ).rejects.toMatchObject({ code: '3B001' }),
      );
      expect((await s.connection.executeQuery(query(text, [1]))).rows).toEqual([{ body: 'a' }]);
      expect((await executeWithPrelude(s.connection, 'select 1', query(text, [1])))?.rows).toEqual([
        { body: 'a' },
      ]);
    });

    it('retries a named statement whose plan went stale, prelude included, outside a transaction', async () => {
      const text = named('select * from notes where id = $1');
      await s.exec("insert into notes values (1, 'a')");
      expect((await s.connection.executeQuery(query(text, [1]))).rows).toEqual([{ id: 1, body: 'a' }]);
      await s.exec('alter table notes add column extra int');
      // The failed run took the prelude's insert with it (on PostgreSQL they share the implicit
      // transaction that ends at the Sync): the retry runs both again, once.
      const result = await executeWithPrelude(
        s.connection,
        "insert into notes values (2, 'p')",
        query(text, [1]),
      );
      expect(result?.rows).toEqual([{ id: 1, body: 'a', extra: null }]);
      expect(await count()).toBe(2);
    });

    it('returns what the statement returns without a prelude: rows, counts and types', async () => {
      await s.exec(
        'drop table if exists typed; create table typed (id bigint primary key, at timestamptz, doc jsonb, n int)',
      );
      const at = new Date('2026-11-25T08:00:00.000Z');
      const statements = [
        query('insert into typed values ($1, $2, $3, $4) returning *', [
          1,
          at,
          JSON.stringify({ a: [1] }),
          2,
        ]),
        query("insert into typed values (3, '2026-01-02T03:04:05Z', '{\"b\":true}', 4)"),
        query('select * from typed order by id'),
        query(named('select * from typed where id > $1 order by id'), [0]),
        query('update typed set n = n + $1 where id > $2', [1, 0]),
        query('delete from typed'),
        query('select 1 as one; select 2 as two'),
      ];
      await s.exec("insert into typed values (9, '2026-03-04T05:06:07Z', '[1, \"x\"]', 9)");
      for (const statement of statements) {
        const run = async (prelude: boolean): Promise<QueryResult<unknown> | unknown> => {
          let result: QueryResult<unknown> | unknown;
          await inTransaction(async () => {
            result = await (
              prelude
                ? executeWithPrelude(s.connection, 'select 1; select $$two$$', statement)
                : s.connection.executeQuery(statement)
            )!.catch((error: { code?: string }) => ({ failed: error.code }));
          });
          return result;
        };
        const plain = await run(false);
        expect([statement.sql, await run(true)]).toEqual([statement.sql, plain]);
        // Run twice: a named statement is prepared on the first run.
        expect([statement.sql, await run(true)]).toEqual([statement.sql, plain]);
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

  // A driver that sends a prelude ahead of every statement, as @tenon/testing's test transaction
  // does after a write: the repository's errors stay the ones it translates.
  const repositorySuite = target.connect ? it : it.skip;
  repositorySuite(
    'leaves the statement’s errors as the repository translates them',
    async () => {
      let preludes = 0;
      const withPrelude = (connection: DatabaseConnection): DatabaseConnection =>
        new Proxy(connection, {
          get: (inner, key) => {
            if (key === 'executeQuery')
              return (compiled: CompiledQuery) => {
                preludes++;
                const run = executeWithPrelude(inner, 'select 1', compiled);
                if (run === undefined) throw new Error('the connection takes no prelude');
                return run;
              };
            const value: unknown = Reflect.get(inner, key);
            return typeof value === 'function' ? (value as () => unknown).bind(inner) : value;
          },
        });
      const database = await target.connect!('statement_prelude_repository', {
        wrapDriver: (inner) =>
          new Proxy(inner, {
            get: (driver, key) => {
              if (key === 'acquireConnection') return () => driver.acquireConnection().then(withPrelude);
              // Every statement through the connection, none straight on the pool.
              if (key === 'runDirect') return undefined;
              const value: unknown = Reflect.get(driver, key);
              return typeof value === 'function' ? (value as () => unknown).bind(driver) : value;
            },
          }),
      });
      try {
        await createSchema(database.kysely, [Member], target.name === 'pglite' ? 'pglite' : 'postgres');
        const members = database.repository(MemberRepository);
        const ann = await members.save({ email: 'ann@example.com' });
        expect((await members.findById(ann.id))?.email).toBe('ann@example.com');
        await expect(members.save({ email: 'ann@example.com' })).rejects.toMatchObject({
          code: 'TENON_DATA_UNIQUE_VIOLATION',
          constraint: 'prelude_members_email_key',
        });
        expect(await members.count()).toBe(1);
        expect(preludes).toBeGreaterThanOrEqual(4);
      } finally {
        await database.close();
      }
    },
    60_000,
  );
});
