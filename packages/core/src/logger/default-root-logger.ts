import type pino from 'pino';
import { createRootLogger } from './root-logger.factory';

// A factory, so that an application's root is built (and pino loaded) on the first line written.
let current: pino.Logger | (() => pino.Logger) | undefined;

/**
 * The root used by a `Logger` built without one (`new Logger('Jobs')`). Created on first use
 * from `LOG_LEVEL` / `LOG_FORMAT`; an application context may replace it with its own root.
 */
export function defaultRootLogger(): pino.Logger {
  current ??= createRootLogger();
  if (typeof current === 'function') current = current();
  return current;
}

/**
 * Replaces the default root (pass `undefined` to go back to a lazily created one); given a
 * function, the root is what it returns on first use.
 */
export function setDefaultRootLogger(root: pino.Logger | (() => pino.Logger) | undefined): void {
  current = root;
}
