import { RxjsNotInstalledError } from '../errors/rxjs-not-installed.error';

/** The few rxjs functions `next.handle()` needs. */
export interface RxjsApi {
  defer<T>(factory: () => unknown): T;
  from(input: PromiseLike<unknown>): { pipe(op: unknown): unknown };
  of(value: unknown): unknown;
  mergeMap(fn: (value: unknown) => unknown): unknown;
}

let loaded: RxjsApi | undefined;

/** The `require` the loader uses; tests pass their own to simulate a missing package. */
export type RequireFn = (id: string) => unknown;

/**
 * rxjs, loaded on the first `next.handle()`: applications that never call it never need the
 * package (it is an optional peer), and one that does without it gets
 * `TENON_HTTP_RXJS_NOT_INSTALLED`. `require`, not `import()`: this package is CommonJS and rxjs
 * ships CommonJS.
 */
export function loadRxjs(requireFn: RequireFn = require): RxjsApi {
  if (loaded && requireFn === require) return loaded;
  try {
    const rx = requireFn('rxjs') as RxjsApi;
    if (requireFn === require) loaded = rx;
    return rx;
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === 'MODULE_NOT_FOUND' || /Cannot find module/.test(String((error as Error).message)))
      throw new RxjsNotInstalledError(error);
    throw error;
  }
}
