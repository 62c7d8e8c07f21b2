import { driverNotInstalled } from '../errors/connection.errors';

/** The `require` the loader uses; tests pass their own to simulate a missing package. */
export type RequireFn = (id: string) => unknown;

/**
 * Loads a driver package on first use, so an app on PostgreSQL never loads PGlite's WebAssembly
 * or mysql2, and a missing optional peer (better-sqlite3) is a coded error naming the package.
 * `require` (not `import()`) because this package compiles to CommonJS and every driver it
 * loads ships CommonJS.
 */
export function loadPeer<T>(pkg: string, dialect: string, requireFn: RequireFn = require): T {
  try {
    return requireFn(pkg) as T;
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === 'MODULE_NOT_FOUND' || /Cannot find module/.test(String((error as Error).message))) {
      throw driverNotInstalled(dialect, pkg, error);
    }
    throw error;
  }
}
