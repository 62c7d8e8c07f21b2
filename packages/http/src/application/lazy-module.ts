import { dirname } from 'node:path';

/**
 * A dependency loaded on its first use instead of when @tenon/http is required. class-validator,
 * class-transformer, Ajv's plugins and prom-client cost tens of milliseconds at start-up, and an
 * application without DTOs (or without MetricsModule) never calls them. Node caches the module,
 * so later calls cost a property read.
 *
 * `from` names the package whose own copy of `id` is wanted, for a dependency of Fastify that
 * @tenon/http replaces with a lazy stand-in (the copy Fastify itself would have loaded).
 *
 * @example
 * import type * as ClassValidator from 'class-validator';
 * const classValidator = lazyModule<typeof ClassValidator>('class-validator');
 * classValidator().getMetadataStorage();
 */
export function lazyModule<T>(id: string, from?: string): () => T {
  let loaded: T | undefined;
  const path = (): string =>
    from === undefined
      ? id
      : require.resolve(id, { paths: [dirname(require.resolve(`${from}/package.json`))] });
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return () => (loaded ??= require(path()) as T);
}
