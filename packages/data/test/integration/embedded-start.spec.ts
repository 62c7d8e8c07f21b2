import 'reflect-metadata';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Database, sql } from '@tenon/data';

// Each start of an embedded database takes seconds on a busy machine.
jest.setTimeout(120_000);

describe('embedded database start (pglite://memory) from a data-directory template', () => {
  let dir: string;
  let template: string;
  const saved = process.env.TENON_PGLITE_TEMPLATE;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'tenon-embedded-start-'));
    template = join(dir, 'template.tar');
    process.env.TENON_PGLITE_TEMPLATE = template;
  });

  afterEach(() => {
    if (saved === undefined) delete process.env.TENON_PGLITE_TEMPLATE;
    else process.env.TENON_PGLITE_TEMPLATE = saved;
    rmSync(dir, { recursive: true, force: true });
  });

  async function roundTrip(): Promise<void> {
    const database = await Database.connect({ url: 'pglite://memory' });
    try {
      await sql`create table t (id serial primary key, title text not null)`.execute(database.kysely);
      await sql`insert into t (title) values ('a'), ('b')`.execute(database.kysely);
      const rows = await sql<{ n: number }>`select count(*)::int as n from t`.execute(database.kysely);
      expect(rows.rows).toEqual([{ n: 2 }]);
    } finally {
      await database.close();
    }
  }

  it('writes the template on the first start and loads it on the next ones, each database fresh', async () => {
    await roundTrip();
    expect(existsSync(template)).toBe(true);
    const written = statSync(template).mtimeMs;
    // The table of the first database is not in the template: the second one creates it again.
    await roundTrip();
    expect(statSync(template).mtimeMs).toBe(written);
  });

  it('keeps the template small (no template0, no WAL made ahead) and opens a folder database from it', async () => {
    await roundTrip();
    const database = await Database.connect({ url: 'pglite://memory' });
    try {
      const names = await sql<{ datname: string }>`select datname from pg_database order by datname`.execute(
        database.kysely,
      );
      expect(names.rows.map((r) => r.datname)).toEqual(['postgres', 'template1']);
    } finally {
      await database.close();
    }
    // 31 MB before: template0 (7.4 MB) and six 1 MB WAL segments went.
    expect(statSync(template).size).toBeLessThan(20_000_000);
    const folder = join(dir, 'data');
    const onDisk = await Database.connect({ url: `pglite://${folder}` });
    try {
      await sql`create table t (id int)`.execute(onDisk.kysely);
    } finally {
      await onDisk.close();
    }
    expect(existsSync(join(folder, 'PG_VERSION'))).toBe(true);
    // Opened again as it is: the table is still there.
    const again = await Database.connect({ url: `pglite://${folder}` });
    try {
      const rows = await sql<{ n: number }>`select count(*)::int as n from t`.execute(again.kysely);
      expect(rows.rows).toEqual([{ n: 0 }]);
    } finally {
      await again.close();
    }
  });

  it('gives memory and folder databases a 16 MB buffer cache, also when a folder is opened again', async () => {
    const shown = async (url: string) => {
      const database = await Database.connect({ url });
      try {
        const rows = await sql<{ shared_buffers: string }>`show shared_buffers`.execute(database.kysely);
        return rows.rows[0]?.shared_buffers;
      } finally {
        await database.close();
      }
    };
    const folder = join(dir, 'small-cache');
    // PostgreSQL's default is 128MB: most of the process's memory when PGlite starts.
    expect(await shown('pglite://memory')).toBe('16MB');
    expect(await shown(`pglite://${folder}`)).toBe('16MB');
    expect(await shown(`pglite://${folder}`)).toBe('16MB');
  });

  it('removes a template that does not load and starts the slow way', async () => {
    writeFileSync(template, 'not a data directory');
    await roundTrip();
    // Made again from the fresh database.
    expect(readFileSync(template).length).toBeGreaterThan(1_000_000);
  });

  it('writes no template with TENON_PGLITE_TEMPLATE=off', async () => {
    process.env.TENON_PGLITE_TEMPLATE = 'off';
    await roundTrip();
    expect(existsSync(template)).toBe(false);
  });
  it('starts with V8 tier-up held back or left to V8, and refuses another TENON_PGLITE_TIER_UP', async () => {
    const before = process.env.TENON_PGLITE_TIER_UP;
    try {
      await roundTrip(); // after-start
      process.env.TENON_PGLITE_TIER_UP = 'v8';
      await roundTrip();
      process.env.TENON_PGLITE_TIER_UP = 'later';
      await expect(Database.connect({ url: 'pglite://memory' })).rejects.toMatchObject({
        code: 'TENON_DATA_INVALID_PGLITE_TIER_UP',
        message: expect.stringMatching(/^TENON_PGLITE_TIER_UP is "later", which is not a tier-up setting/),
      });
    } finally {
      if (before === undefined) delete process.env.TENON_PGLITE_TIER_UP;
      else process.env.TENON_PGLITE_TIER_UP = before;
    }
  });
});
