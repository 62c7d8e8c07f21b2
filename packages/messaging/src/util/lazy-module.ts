/**
 * A dependency loaded on its first use instead of when @tenon/messaging is required: the broker
 * clients, @tenon/data, prom-client, rxjs and the validation libraries are optional or unused by
 * many applications. Node caches the module, so later calls cost a property read.
 *
 * @example
 * const promClient = lazyModule<typeof import('prom-client')>('prom-client');
 * new (promClient().Counter)({ name: 'x', help: 'x' });
 */
export function lazyModule<T>(id: string): () => T {
  let loaded: T | undefined;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return () => (loaded ??= require(id) as T);
}

/** Type of the @tenon/data module, loaded only where the inbox, the outbox or after-commit events need it. */
export type DataPackage = typeof import('@tenon/data');

/** @tenon/data, an optional peer. */
export const dataPackage = lazyModule<DataPackage>('@tenon/data');
