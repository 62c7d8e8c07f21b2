import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { PGlite, PGliteOptions } from '@electric-sql/pglite';
import { templateMemoryFs, writeDataDir, type MemoryFsClass } from './data-dir-loader';
import { readDataDirTar, type DataDirEntry } from './data-dir-tar';
import { readShippedTemplate, TEMPLATE_FORMAT } from './shipped-template';
import { pgliteTierUp, withTierUpAfterStart, type PgliteTierUp } from './start-tier-up';

/** What starting an embedded database needs of the `@electric-sql/pglite` module. */
export interface PgliteStartModule {
  PGlite: (new (options?: PGliteOptions) => PGlite) & { defaultStartParams?: string[] };
  /** PGlite's in-memory file system; without it a template loads through `loadDataDir`. */
  MemoryFS?: MemoryFsClass;
}

/**
 * Settings of an embedded database. In memory its pages live in the WebAssembly heap already, so
 * a large buffer cache only doubles them; in a folder they are read through Node's file system,
 * which the OS caches. Either way PostgreSQL's default 128 MB of shared buffers was most of the
 * process's memory (a folder database stood at 310 MiB at ready, 197 MiB with these). 16 MB
 * still holds a test suite's or a development server's working set.
 */
const MEMORY_SETTINGS = ['-c', 'shared_buffers=16MB', '-c', 'min_wal_size=4MB', '-c', 'max_wal_size=32MB'];

/** 1 MB WAL segments instead of 16 MB: the template, and every database loaded from it, are 9 MB smaller. */
const INITDB_PARAMS = ['--wal-segsize=1'];

/** The installed PGlite's version, read from its package.json. */
export function pgliteVersion(requireResolve: (id: string) => string): string {
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
export function templateFile(version: string, folder: string = tmpdir()): string | undefined {
  const setting = process.env.TENON_PGLITE_TEMPLATE;
  if (setting === 'off') return undefined;
  if (setting !== undefined && setting !== '') return setting;
  const user = process.getuid?.() ?? 'user';
  // The template's format is in the name: a file of an older format is not read.
  return join(folder, `tenon-pglite-${version}-${TEMPLATE_FORMAT}-${user}.tar`);
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

/** The data directory of a fresh database, shrunk, as the tarball a template file holds. */
async function dumpTemplate(db: PGlite): Promise<Uint8Array> {
  await shrink(db);
  const dump = await db.dumpDataDir('none');
  return new Uint8Array(await dump.arrayBuffer());
}

async function saveTemplate(db: PGlite, file: string): Promise<void> {
  const tar = await dumpTemplate(db);
  // Written beside it then renamed: a process starting meanwhile reads a whole file or none.
  const partial = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
  writeFileSync(partial, tar);
  renameSync(partial, file);
}

/** The options of an embedded database: PGlite's own start parameters and `MEMORY_SETTINGS`. */
function memoryOptions(Engine: PgliteStartModule['PGlite']): PGliteOptions {
  return Engine.defaultStartParams ? { startParams: [...Engine.defaultStartParams, ...MEMORY_SETTINGS] } : {};
}

/**
 * Runs initdb the way a start without a template does and returns the template's tarball: what
 * the package's build ships (`scripts/build-pglite-template.js`), so a machine's first start
 * loads a template too.
 *
 * @example
 * const tar = await makeTemplate(require('@electric-sql/pglite'));
 */
export async function makeTemplate(module: PgliteStartModule): Promise<Uint8Array> {
  const db = new module.PGlite({ ...memoryOptions(module.PGlite), initDbStartParams: INITDB_PARAMS });
  await db.waitReady;
  try {
    return await dumpTemplate(db);
  } finally {
    await db.close();
  }
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

/** How `startEmbeddedPglite` finds PGlite's version and the package's templates; tests change them. */
export interface EmbeddedStartOptions {
  /** Resolves `@electric-sql/pglite` to read its version (default: this package's `require.resolve`). */
  requireResolve?: (id: string) => string;
  /** The folder of the templates the package's build made (default: the package's `pglite-template`). */
  shippedTemplates?: string;
  /** The folder of the per-user template (default: the system's temporary folder). */
  temporaryFolder?: string;
  /**
   * When V8 may optimise PGlite's WebAssembly (default: `TENON_PGLITE_TIER_UP`, else
   * `after-start`; see `withTierUpAfterStart`). `v8` leaves V8's flags alone.
   */
  tierUp?: PgliteTierUp;
}

/**
 * Starts an embedded PostgreSQL (PGlite) in memory (`location` undefined) or in a folder.
 *
 * A new database is not made by `initdb` each time (seconds, and a second WebAssembly instance
 * alive meanwhile), it is loaded from a template, in this order:
 * 1. `TENON_PGLITE_TEMPLATE=off`: none, initdb at every start;
 * 2. `TENON_PGLITE_TEMPLATE=<file>`: that file, made on the first start;
 * 3. the template the package's build made (`pglite-template`), when made by the installed
 *    PGlite version: a machine's very first start is as quick as the later ones;
 * 4. else (another PGlite version, a damaged install) a file per user in the temporary folder
 *    (see `templateFile`), made on the first start.
 * A template file that does not load is removed (a shipped one is only passed over), and the
 * database is made the slow way. V8's tier-up of PGlite's WebAssembly waits until the start is
 * over (`tierUp`, `TENON_PGLITE_TIER_UP=v8` to leave V8 alone): see `withTierUpAfterStart`.
 *
 * @example
 * const db = await startEmbeddedPglite(require('@electric-sql/pglite'), undefined);
 */
export async function startEmbeddedPglite(
  module: PgliteStartModule,
  location: string | undefined,
  options: EmbeddedStartOptions = {},
): Promise<PGlite> {
  // Read first: a wrong setting fails before anything starts.
  const tierUp = pgliteTierUp(options.tierUp);
  return withTierUpAfterStart(tierUp, () => start(module, location, options));
}

async function start(
  module: PgliteStartModule,
  location: string | undefined,
  options: EmbeddedStartOptions,
): Promise<PGlite> {
  const { PGlite: Engine } = module;
  const base: PGliteOptions =
    location === undefined ? memoryOptions(Engine) : { ...memoryOptions(Engine), dataDir: location };
  // A folder that already holds a database is opened as it is.
  const fresh = location === undefined || !existsSync(join(location, 'PG_VERSION'));
  const setting = process.env.TENON_PGLITE_TEMPLATE;
  const version =
    fresh && setting !== 'off' ? pgliteVersion(options.requireResolve ?? require.resolve) : undefined;
  if (version !== undefined && (setting === undefined || setting === '')) {
    let shipped: DataDirEntry[] | undefined;
    try {
      shipped = await readShippedTemplate(version, options.shippedTemplates);
    } catch {
      // Damaged in the install: not ours to remove; the temporary folder's template serves.
    }
    if (shipped !== undefined) {
      try {
        return await startFromTemplate(module, base, location, shipped);
      } catch {
        if (location !== undefined) rmSync(location, { recursive: true, force: true });
      }
    }
  }
  const file = version === undefined ? undefined : templateFile(version, options.temporaryFolder);
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
