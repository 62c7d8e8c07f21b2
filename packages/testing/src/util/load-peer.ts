import { PeerMissingError } from '../errors/peer-missing.error';

/** The `require` the loader uses; tests pass their own to simulate a missing package. */
export type RequireFn = (id: string) => unknown;

/**
 * Loads an optional peer on first use, so a project that never calls the feature never needs
 * the package, and one that does gets a coded error naming what to install. `require`, not
 * `import()`: this package compiles to CommonJS and the peers ship CommonJS.
 */
export function loadPeer<T>(pkg: string, feature: string, requireFn: RequireFn = require): T {
  try {
    return requireFn(pkg) as T;
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === 'MODULE_NOT_FOUND' || /Cannot find module/.test(String((error as Error).message))) {
      throw new PeerMissingError(feature, pkg, error);
    }
    throw error;
  }
}
