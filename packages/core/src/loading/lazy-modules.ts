/*
 * Dependencies that one feature each needs, loaded on its first use: an application that never
 * validates a config or options class, never writes a log line, never logs in pretty format and
 * never calls `get()` does not pay for loading them at start-up (class-validator alone, with the
 * validator and libphonenumber-js tables it pulls in, is most of what loading @tenon/core used to
 * cost). Node caches modules, so the decorators a user imports from class-validator and the
 * functions read here share one metadata storage.
 */
function lazy<T>(id: string): () => T {
  let loaded: T | undefined;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return () => (loaded ??= require(id) as T);
}

export const classValidator = lazy<typeof import('class-validator')>('class-validator');
export const classTransformer = lazy<typeof import('class-transformer')>('class-transformer');
export const pino = lazy<typeof import('pino')>('pino');
export const pinoPretty = lazy<typeof import('pino-pretty')>('pino-pretty');
export const tsyringe = lazy<typeof import('tsyringe')>('tsyringe');
