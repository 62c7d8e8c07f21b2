/**
 * A dependency loaded on first use instead of when @tenon/scheduling is required: @tenon/data,
 * ioredis and bullmq are optional peers that many applications do not install. Node caches
 * the module, so later calls cost a property read.
 *
 * @example
 * const ioredis = lazyModule<typeof import('ioredis')>('ioredis');
 */
export function lazyModule<T>(id: string): () => T {
  let loaded: T | undefined;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return () => (loaded ??= require(id) as T);
}

/** @tenon/data, an optional peer (the database lock). */
export const dataPackage = lazyModule<typeof import('@tenon/data')>('@tenon/data');
/** ioredis, an optional peer (the Redis lock and queues). */
export const ioredisPackage = lazyModule<typeof import('ioredis')>('ioredis');
/** bullmq, an optional peer (queues). */
export const bullmqPackage = lazyModule<typeof import('bullmq')>('bullmq');
