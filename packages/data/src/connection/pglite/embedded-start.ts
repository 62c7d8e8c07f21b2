import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { PGlite, PGliteOptions } from '@electric-sql/pglite';
import { templateMemoryFs, writeDataDir, type MemoryFsClass } from './data-dir-loader';
import { readDataDirTar, type DataDirEntry } from './data-dir-tar';

/** What starting an embedded database needs of the `@electric-sql/pglite` module. */
export interface PgliteStartModule {
  PGlite: (new (options?: PGliteOptions) => PGlite) & { defaultStartParams?: string[] };
  /** PGlite's in-memory file system; without it a template loads through `loadDataDir`. */
  MemoryFS?: MemoryFsClass;
}

/**
 * Settings of an in-memory database. Its pages live in the WebAssembly heap already, so a large
 * buffer cache only doubles them: PostgreSQL's default 128 MB of shared buffers was most of the
 * process's memory. 16 MB still holds a test suite's working set.
 */
const MEMORY_SETTINGS = ['-c', 'shared_buffers=16MB', '-c', 'min_wal_size=4MB', '-c', 'max_wal_size=32MB'];

/** 1 MB WAL segments instead of 16 MB: the template, and every database loaded from it, are 9 MB smaller. */
const INITDB_PARAMS = ['--wal-segsize=1'];

function pgliteVersion(requireResolve: (id: string) => string): string {
  try {
    const main = requireResolve('@electric-sql/pglite');
    const pkg = JSON.parse(readFileSync(join(dirname(main), '..', 'package.json'), 'utf8')) as {
      version?: string;
    };
    return pkg.version ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

/**
 * Where the data-directory template of this PGlite version is kept: `TENON_PGLITE_TEMPLATE`
 * (a file path, or `off`), else a file per user in the system's temporary folder.
 */
export function templateFile(version: string): string | undefined {
  const setting = process.env.TENON_PGLITE_TEMPLATE;
  if (setting === 'off') return undefined;
  if (setting !== undefined && setting !== '') return setting;
  const user = process.getuid?.() ?? 'user';
  // `-2`: the template's format (template0 and the WAL made ahead dropped); an older file is not read.
  return join(tmpdir(), `tenon-pglite-${version}-2-${user}.tar`);
}

// A template another user could have written is not loaded: the file must be this user's.
function readTemplate(file: string): DataDirEntry[] | undefined {
  if (!existsSync(file)) return undefined;
  const stat = statSync(file);
  if (process.getuid && stat.uid !== process.getuid()) return undefined;
  const bytes = readFileSync(file);
  const entries = readDataDirTar(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  if (!entries.some((entry) => entry.path === 'PG_VERSION'))
    throw new Error(`${file} holds no data directory`);
  return entries;
}

/**
 * Keeps the template small, since every start holds all of it in memory: template0 goes (a
 * pristine copy of template1 for `CREATE DATABASE ... TEMPLATE template0`, 7.4 MB; template1
 * stays, so `CREATE DATABASE` works), and so do the WAL segments after the current one, which
 * PostgreSQL had made ahead of need after initdb's writes (6 of the 7 MB of pg_wal; it makes
 * them again when it needs them).
 */
async function shrink(db: PGlite): Promise<void> {
  // One statement per call: several in one string run as one transaction, where DROP DATABASE cannot.
  for (const statement of [
    'alter database template0 is_template false',
    'drop database template0',
    'checkpoint',
  ])
    await db.exec(statement);
  const { rows } = await db.query<{ wal: string }>('select pg_walfile_name(pg_current_wal_lsn()) as wal');
  const current = rows[0]?.wal;
  const fs = db.Module.FS as unknown as { readdir(path: string): string[]; unlink(path: string): void };
  const walDir = `${(db as unknown as { ENV?: Record<string, string> }).ENV?.PGDATA ?? '/pglite/data'}/pg_wal`;
  if (current === undefined) return;
  for (const name of fs.readdir(walDir)) {
    // Segment names of one timeline sort as their positions.
    if (/^[0-9A-F]{24}$/.test(name) && name > current) fs.unlink(`${walDir}/${name}`);
  }
}

async function saveTemplate(db: PGlite, file: string): Promise<void> {
  await shrink(db);
  const dump = await db.dumpDataDir('none');
  // Written beside it then renamed: a process starting meanwhile reads a whole file or none.
  const partial = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
  writeFileSync(partial, Buffer.from(await dump.arrayBuffer()));
  renameSync(partial, file);
}

/** Starts PGlite on a template's data directory, in memory or written into `location` first. */
async function startFromTemplate(
  module: PgliteStartModule,
  base: PGliteOptions,
  location: string | undefined,
  entries: DataDirEntry[],
): Promise<PGlite> {
  const { PGlite: Engine, MemoryFS } = module;
  if (location !== undefined) {
    writeDataDir(location, entries);
    const db = new Engine(base);
    await db.waitReady;
    return db;
  }
  if (MemoryFS !== undefined) {
    const db = new Engine({ ...base, fs: templateMemoryFs(MemoryFS, entries) as PGliteOptions['fs'] });
    await db.waitReady;
    return db;
  }
  throw new Error('this PGlite has no MemoryFS to load a template into');
}

/**
 * Starts an embedded PostgreSQL (PGlite) in memory (`location` undefined) or in a folder.
 *
 * A new database is not made by `initdb` each time (seconds, and a second WebAssembly instance
 * alive meanwhile): the first start on a machine runs it once and keeps the fresh data directory
 * as a template file (see `templateFile`), and later starts load that template. A template that
 * does not load is removed, and the database is made the slow way.
 *
 * @example
 * const db = await startEmbeddedPglite(require('@electric-sql/pglite'), undefined);
 */
export async function startEmbeddedPglite(
  module: PgliteStartModule,
  location: string | undefined,
  requireResolve: (id: string) => string = require.resolve,
): Promise<PGlite> {
  const { PGlite: Engine } = module;
  const base: PGliteOptions = location === undefined ? {} : { dataDir: location };
  if (location === undefined && Engine.defaultStartParams)
    base.startParams = [...Engine.defaultStartParams, ...MEMORY_SETTINGS];
  // A folder that already holds a database is opened as it is.
  const fresh = location === undefined || !existsSync(join(location, 'PG_VERSION'));
  const file = fresh ? templateFile(pgliteVersion(requireResolve)) : undefined;
  let template: DataDirEntry[] | undefined;
  try {
    template = file === undefined ? undefined : readTemplate(file);
  } catch {
    rmSync(file!, { force: true });
  }
  if (template !== undefined) {
    try {
      return await startFromTemplate(module, base, location, template);
    } catch {
      rmSync(file!, { force: true });
      if (location !== undefined) rmSync(location, { recursive: true, force: true });
    }
  }
  // Not held while initdb runs: the template's bytes are the failed database's files now.
  template = undefined;
  const db = new Engine({ ...base, initDbStartParams: INITDB_PARAMS });
  await db.waitReady;
  if (file !== undefined) {
    // A template that cannot be written (read-only temporary folder) only costs the next start.
    await saveTemplate(db, file).catch(() => undefined);
  }
  return db;
}
