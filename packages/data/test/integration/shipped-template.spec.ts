import 'reflect-metadata';
import * as pglite from '@electric-sql/pglite';
import {
  chownSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedPglite, type PgliteStartModule } from '@tenon/data';
import { pgliteVersion } from '../../src/connection/pglite/embedded-start';
import {
  readShippedRecord,
  readShippedTemplate,
  writeShippedTemplate,
} from '../../src/connection/pglite/shipped-template';

// Each start of an embedded database takes seconds on a busy machine, initdb more.
jest.setTimeout(120_000);

const engine = pglite as unknown as PgliteStartModule;
const version = pgliteVersion(require.resolve);

/*
 * The template the package ships, and what a start does when it is missing, damaged or of
 * another PGlite version. The shipped template of these tests holds a table `shipped_marker`, so
 * a database shows whether it was loaded from it; a start that was not writes its own template
 * into the temporary folder (one per test).
 */
describe('embedded database start from the template the package ships', () => {
  let root: string;
  let markerTar: Uint8Array;
  let dir: string;
  let shipped: string;
  let temp: string;
  const saved = process.env.TENON_PGLITE_TEMPLATE;

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'tenon-shipped-template-'));
    process.env.TENON_PGLITE_TEMPLATE = 'off';
    const db = await startEmbeddedPglite(engine, undefined, { temporaryFolder: root });
    try {
      await db.exec('create table shipped_marker (id int)');
      await db.exec('checkpoint');
      markerTar = new Uint8Array(await (await db.dumpDataDir('none')).arrayBuffer());
    } finally {
      await db.close();
    }
  });

  afterAll(() => rmSync(root, { recursive: true, force: true }));

  beforeEach(() => {
    dir = mkdtempSync(join(root, 'case-'));
    shipped = join(dir, 'shipped');
    temp = join(dir, 'tmp');
    mkdirSync(shipped);
    mkdirSync(temp);
    writeShippedTemplate(markerTar, version, shipped);
    delete process.env.TENON_PGLITE_TEMPLATE;
  });

  afterEach(() => {
    if (saved === undefined) delete process.env.TENON_PGLITE_TEMPLATE;
    else process.env.TENON_PGLITE_TEMPLATE = saved;
  });

  /** Starts a database and tells whether it came from the shipped template, then closes it. */
  async function start(location?: string): Promise<{ fromShipped: boolean }> {
    const db = await startEmbeddedPglite(engine, location, {
      shippedTemplates: shipped,
      temporaryFolder: temp,
    });
    try {
      const { rows } = await db.query<{ found: boolean }>(
        "select to_regclass('shipped_marker') is not null as found",
      );
      // Whatever it came from, the database works.
      await db.exec('create table t (id serial primary key); insert into t default values');
      return { fromShipped: rows[0]!.found };
    } finally {
      await db.close();
    }
  }

  const tempTemplates = (): string[] => readdirSync(temp).filter((name) => name.startsWith('tenon-pglite-'));

  it('loads the shipped template on a first start and writes nothing into the temporary folder', async () => {
    expect(await start()).toEqual({ fromShipped: true });
    expect(readdirSync(temp)).toEqual([]);
  });

  it('loads it into a new folder database too', async () => {
    expect(await start(join(dir, 'data'))).toEqual({ fromShipped: true });
    expect(existsSync(join(dir, 'data', 'PG_VERSION'))).toBe(true);
  });

  it('passes over a template of another PGlite version and makes its own', async () => {
    const record = readShippedRecord(shipped)!;
    writeFileSync(join(shipped, 'template.json'), JSON.stringify({ ...record, pglite: '0.0.1' }));
    await expect(readShippedTemplate(version, shipped)).resolves.toBeUndefined();
    expect(await start()).toEqual({ fromShipped: false });
    expect(tempTemplates()).toHaveLength(1);
  });

  it('passes over a truncated shipped template, and leaves it where it is', async () => {
    const file = join(shipped, readShippedRecord(shipped)!.file);
    const whole = readFileSync(file);
    writeFileSync(file, whole.subarray(0, whole.length >> 1));
    await expect(readShippedTemplate(version, shipped)).rejects.toThrow();
    expect(await start()).toEqual({ fromShipped: false });
    expect(readFileSync(file).length).toBe(whole.length >> 1);
    expect(tempTemplates()).toHaveLength(1);
  });

  it('passes over a shipped template whose record or tarball is damaged', async () => {
    const record = readShippedRecord(shipped)!;
    // A record that names a wrong size: the tarball is taken as damaged.
    writeFileSync(join(shipped, 'template.json'), JSON.stringify({ ...record, bytes: record.bytes + 512 }));
    await expect(readShippedTemplate(version, shipped)).rejects.toThrow(/bytes once decompressed/);
    writeFileSync(join(shipped, 'template.json'), '{ "pglite": ');
    await expect(readShippedTemplate(version, shipped)).rejects.toThrow(SyntaxError);
    expect(await start()).toEqual({ fromShipped: false });
  });

  it('starts from the shipped template, and without one, when the temporary folder cannot be written', async () => {
    const file = join(dir, 'a-file');
    writeFileSync(file, '');
    // A folder under a file: no user, root included, can write there.
    temp = join(file, 'tmp');
    expect(await start()).toEqual({ fromShipped: true });
    rmSync(shipped, { recursive: true });
    expect(await start()).toEqual({ fromShipped: false });
  });

  it('uses no template at all with TENON_PGLITE_TEMPLATE=off', async () => {
    process.env.TENON_PGLITE_TEMPLATE = 'off';
    expect(await start()).toEqual({ fromShipped: false });
    expect(readdirSync(temp)).toEqual([]);
  });

  it('uses the file TENON_PGLITE_TEMPLATE names rather than the shipped template', async () => {
    process.env.TENON_PGLITE_TEMPLATE = join(temp, 'mine.tar');
    expect(await start()).toEqual({ fromShipped: false });
    expect(existsSync(join(temp, 'mine.tar'))).toBe(true);
  });

  const asRoot = process.getuid?.() === 0;
  (asRoot ? it : it.skip)('does not load a template file another user owns (chown needs root)', async () => {
    rmSync(shipped, { recursive: true });
    const file = join(temp, 'theirs.tar');
    writeFileSync(file, markerTar);
    chownSync(file, 12345, 12345);
    process.env.TENON_PGLITE_TEMPLATE = file;
    expect(await start()).toEqual({ fromShipped: false });
    // The same file, this user's: loaded.
    writeFileSync(file, markerTar);
    chownSync(file, 0, 0);
    expect(await start()).toEqual({ fromShipped: true });
  });
});
