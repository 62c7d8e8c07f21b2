import 'reflect-metadata';
import { pgliteSimpleQuery } from '../../src/database/pglite-simple-query';
import { sharedPglite, type PGliteInstance } from '../../src/database/shared-pglite';

// The test transaction's bookkeeping statements go to PGlite as raw simple-protocol messages:
// they must take effect, and a failure must surface as an error, not vanish in the reply bytes.
describe('pgliteSimpleQuery', () => {
  let pglite: PGliteInstance;
  let run: (sql: string) => Promise<void>;

  beforeAll(async () => {
    pglite = await sharedPglite();
    run = pgliteSimpleQuery(pglite);
  }, 120_000);

  it('runs several statements in one message, with effect', async () => {
    await run(
      'begin; create temporary table simple_query_probe (n int); insert into simple_query_probe values (1), (2)',
    );
    const inside = await pglite.query<{ n: number }>('select count(*)::int as n from simple_query_probe');
    await run('rollback');
    expect(inside.rows[0]!.n).toBe(2);
    await expect(pglite.query('select * from simple_query_probe')).rejects.toThrow(/does not exist/);
  });

  it('rejects with PostgreSQL’s message and SQLSTATE when a statement fails', async () => {
    const error = await run('rollback to savepoint no_such_savepoint').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({
      code: '25P01',
      message: 'ROLLBACK TO SAVEPOINT can only be used in transaction blocks',
    });
    // the session is usable afterwards
    await run('select 1');
  });

  // An ErrorResponse: S severity, C SQLSTATE, M message.
  const errorReply = (): Uint8Array => {
    const body = Buffer.from('SERROR\0C3B001\0Msavepoint "a" does not exist\0\0');
    const head = Buffer.alloc(5);
    head[0] = 0x45;
    head.writeInt32BE(4 + body.length, 1);
    return Buffer.concat([head, body, Buffer.from([0x5a, 0, 0, 0, 5, 0x45])]);
  };

  it('reads a reply PGlite hands over in several chunks, a message cut between two', async () => {
    const reply = errorReply();
    const lock = <T>(fn: () => Promise<T>) => fn();
    const engine = {
      _runExclusiveQuery: lock,
      exec: jest.fn(),
      execProtocolRaw: jest.fn(),
      execProtocolRawStream: async (_: Uint8Array, options: { onRawData: (chunk: Uint8Array) => void }) => {
        // One buffer reused for every chunk, as PGlite's memory is.
        const shared = new Uint8Array(reply.length);
        for (const [from, to] of [
          [0, 9],
          [9, reply.length],
        ] as const) {
          shared.set(reply.subarray(from, to));
          options.onRawData(shared.subarray(0, to - from));
          shared.fill(0);
        }
      },
    };
    await expect(pgliteSimpleQuery(engine)('release savepoint a')).rejects.toMatchObject({
      code: '3B001',
      message: 'savepoint "a" does not exist',
    });
    expect(engine.execProtocolRaw).not.toHaveBeenCalled();
  });

  it('takes the whole reply from execProtocolRaw() on a PGlite without the stream entry', async () => {
    const lock = <T>(fn: () => Promise<T>) => fn();
    const engine = { _runExclusiveQuery: lock, exec: jest.fn(), execProtocolRaw: async () => errorReply() };
    await expect(pgliteSimpleQuery(engine)('release savepoint a')).rejects.toMatchObject({ code: '3B001' });
  });

  it('falls back to exec() on a PGlite without the query lock it needs', async () => {
    const sent: string[] = [];
    const older = { exec: async (sql: string) => void sent.push(sql), execProtocolRaw: jest.fn() };
    await pgliteSimpleQuery(older)('release savepoint a; savepoint a;');
    expect(sent).toEqual(['release savepoint a; savepoint a;']);
    expect(older.execProtocolRaw).not.toHaveBeenCalled();
  });
});
