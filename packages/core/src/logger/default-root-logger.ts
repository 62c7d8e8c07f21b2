import type pino from 'pino';
import { createRootLogger } from './root-logger.factory';

let current: pino.Logger | undefined;

/**
 * The root used by a `Logger` built without one (`new Logger('Jobs')`). Created on first use
 * from `LOG_LEVEL` / `LOG_FORMAT`; an application context may replace it with its own root.
 */
export function defaultRootLogger(): pino.Logger {
  current ??= createRootLogger();
  return current;
}

/** Replaces the default root (pass `undefined` to go back to a lazily created one). */
export function setDefaultRootLogger(root: pino.Logger | undefined): void {
  current = root;
}
