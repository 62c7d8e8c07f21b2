import { createRequire } from 'node:module';
import { startEmbeddedPglite, type DatabaseOptions, type PgliteStartModule } from '@tenon/data';
import { loadPeer, type RequireFn } from '../util/load-peer';
import { startWithUnrefTimers } from './pglite-timers';
import { workerSingleton } from './worker-registry';

/** A PGlite instance, as `Database.connect({ pglite })` takes it. */
export type PGliteInstance = NonNullable<DatabaseOptions['pglite']>;

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
 * The worker's embedded PostgreSQL: created on first use (a second or more, even from the template),
 * then shared by every test file the worker runs.
 */
export function sharedPglite(requireFn: RequireFn = pgliteRequire()): Promise<PGliteInstance> {
  return workerSingleton('pglite', async () => {
    const module = loadPeer<PgliteStartModule>('@electric-sql/pglite', 'TestDatabase', requireFn);
    // From @tenon/data's data-directory template: no initdb in every worker. Never closed (the
    // worker's next file reuses it), so its server timers must not keep the worker's process
    // alive after the last file.
    return startWithUnrefTimers(module.PGlite, () => startEmbeddedPglite(module, undefined));
  });
}
