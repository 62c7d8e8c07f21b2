import workerThreads from 'node:worker_threads';

// Jest gives every test file its own module registry and global object, so a module-level
// variable lives as long as one file. Node's built-in modules are the exception: jest hands every
// file the real ones. The registry hangs on one of them under a global symbol, so it lives as long
// as the worker process (or thread) and is shared by every test file the worker runs.
const HOST = workerThreads as unknown as Record<symbol, Map<string, unknown> | undefined>;
const KEY = Symbol.for('@tenon/testing.worker-registry');

function registry(): Map<string, unknown> {
  return (HOST[KEY] ??= new Map<string, unknown>());
}

/**
 * The value stored under `key` for this worker, created by `create` on first use. A creation
 * that fails is forgotten, so the next file tries again instead of inheriting the failure.
 */
export function workerSingleton<T>(key: string, create: () => Promise<T>): Promise<T> {
  const map = registry();
  let value = map.get(key) as Promise<T> | undefined;
  if (!value) {
    value = create();
    map.set(key, value);
    value.catch(() => {
      if (map.get(key) === value) map.delete(key);
    });
  }
  return value;
}

/** Whether `key` was already created in this worker (for tests and timing notes). */
export function hasWorkerSingleton(key: string): boolean {
  return registry().has(key);
}

/** The jest worker's number (1 when running in band or outside jest). */
export function workerId(): string {
  const id = process.env.JEST_WORKER_ID;
  return id && /^\d+$/.test(id) ? id : '1';
}
