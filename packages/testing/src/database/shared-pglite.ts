import { createRequire } from 'node:module';
import type { DatabaseOptions } from '@tenon/data';
import { loadPeer, type RequireFn } from '../util/load-peer';
import { unrefServerTimers } from './pglite-timers';
import { workerSingleton } from './worker-registry';

/** A PGlite instance, as `Database.connect({ pglite })` takes it. */
export type PGliteInstance = NonNullable<DatabaseOptions['pglite']>;

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
    // Never closed (the worker's next file reuses it), so its server timers must not keep the
    // worker's process alive after the last file.
    return unrefServerTimers(db);
  });
}
