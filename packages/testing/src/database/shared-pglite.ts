import { createRequire } from 'node:module';
import { loadPeer, type RequireFn } from '../util/load-peer';
import { workerSingleton } from './worker-registry';

/** The part of PGlite this package uses. */
export interface PGliteInstance {
  readonly ready: boolean;
  readonly closed: boolean;
  readonly waitReady: Promise<void>;
  query<R>(sql: string, params?: unknown[]): Promise<{ rows: R[] }>;
  exec(sql: string): Promise<unknown>;
  close(): Promise<void>;
}

interface PGliteModule {
  PGlite: new () => PGliteInstance;
}

// PGlite is a dependency of @tenon/data, so it is resolved from there (which also works where
// packages cannot see their dependencies' dependencies). Node's own require loads it, outside
// jest's per-file registry, so the one instance a worker creates is usable from every file.
function pgliteRequire(): RequireFn {
  let base: string;
  try {
    base = require.resolve('@tenon/data');
  } catch {
    base = __filename;
  }
  return createRequire(base);
}

/**
 * The worker's embedded PostgreSQL: created on first use (PGlite starts in about two seconds),
 * then shared by every test file the worker runs.
 */
export function sharedPglite(requireFn: RequireFn = pgliteRequire()): Promise<PGliteInstance> {
  return workerSingleton('pglite', async () => {
    const { PGlite } = loadPeer<PGliteModule>('@electric-sql/pglite', 'TestDatabase', requireFn);
    const db = new PGlite();
    await db.waitReady;
    return db;
  });
}
