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

  it('falls back to exec() on a PGlite without the query lock it needs', async () => {
    const sent: string[] = [];
    const older = { exec: async (sql: string) => void sent.push(sql), execProtocolRaw: jest.fn() };
    await pgliteSimpleQuery(older)('release savepoint a; savepoint a;');
    expect(sent).toEqual(['release savepoint a; savepoint a;']);
    expect(older.execProtocolRaw).not.toHaveBeenCalled();
  });
});
