import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { PGlite, PGliteOptions } from '@electric-sql/pglite';

/** What starting an embedded database needs of the `@electric-sql/pglite` module. */
export interface PgliteStartModule {
  PGlite: (new (options?: PGliteOptions) => PGlite) & { defaultStartParams?: string[] };
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
  return join(tmpdir(), `tenon-pglite-${version}-${user}.tar`);
}

// A template another user could have written is not loaded: the file must be this user's.
function readTemplate(file: string): Buffer | undefined {
  if (!existsSync(file)) return undefined;
  const stat = statSync(file);
  if (process.getuid && stat.uid !== process.getuid()) return undefined;
  return readFileSync(file);
}

async function saveTemplate(db: PGlite, file: string): Promise<void> {
  const dump = await db.dumpDataDir('none');
  // Written beside it then renamed: a process starting meanwhile reads a whole file or none.
  const partial = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
  writeFileSync(partial, Buffer.from(await dump.arrayBuffer()));
  renameSync(partial, file);
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
  const template = file === undefined ? undefined : readTemplate(file);
  if (template !== undefined) {
    try {
      const db = new Engine({ ...base, loadDataDir: new Blob([template]) });
      await db.waitReady;
      return db;
    } catch {
      rmSync(file!, { force: true });
      if (location !== undefined) rmSync(location, { recursive: true, force: true });
    }
  }
  const db = new Engine({ ...base, initDbStartParams: INITDB_PARAMS });
  await db.waitReady;
  if (file !== undefined) {
    // A template that cannot be written (read-only temporary folder) only costs the next start.
    await saveTemplate(db, file).catch(() => undefined);
  }
  return db;
}
