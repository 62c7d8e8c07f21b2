import * as nodeModule from 'node:module';

/** What {@link enableCompileCache} did, for tests and for `NODE_DEBUG`-style diagnosis. */
export type CompileCacheOutcome = 'enabled' | 'unsupported' | 'disabled' | 'coverage' | 'failed';

/** The part of `node:module` this needs: absent before Node 22.1. */
interface CompileCacheApi {
  enableCompileCache?: () => { status: number; message?: string };
  constants?: { compileCacheStatus?: { FAILED?: number } };
}

/**
 * Turns on Node's on-disk compile cache (V8 code cache) for every module loaded after
 * @tenon/core: Fastify and its plugins, @tenon/http, the drivers, the application's own modules.
 * Why: compiling that code was a tenth of a 1,000-provider application's start on Node 24
 * (~25 ms of CPU); from the second start on, V8 reads the compiled code back instead. It is what
 * `NODE_COMPILE_CACHE` does, on by default, as Spring Boot offers a class-data archive for the JVM.
 *
 * The directory is Node's choice: `NODE_COMPILE_CACHE` when set, otherwise
 * `<os.tmpdir()>/node-compile-cache`. Node never throws here: an unwritable directory only means
 * no cache. Left off:
 * - before Node 22.1, which has no such API;
 * - with `NODE_DISABLE_COMPILE_CACHE=1`, Node's own switch, which users set to opt out;
 * - under `NODE_V8_COVERAGE` (c8 and the like), where cached functions make coverage less precise.
 *
 * @example
 * ```sh
 * NODE_DISABLE_COMPILE_CACHE=1 node dist/main.js   # start without the cache
 * NODE_COMPILE_CACHE=/var/cache/app node dist/main.js   # keep it somewhere else
 * ```
 */
export function enableCompileCache(
  env: NodeJS.ProcessEnv = process.env,
  api: CompileCacheApi = nodeModule as CompileCacheApi,
): CompileCacheOutcome {
  if (typeof api.enableCompileCache !== 'function') return 'unsupported';
  const off = compileCachesSwitchedOff(env);
  if (off) return off;
  const { status } = api.enableCompileCache();
  return status === api.constants?.compileCacheStatus?.FAILED ? 'failed' : 'enabled';
}

/**
 * The switches both caches obey, Node's compile cache and Tenon's code cache: Node's own opt-out
 * (`NODE_DISABLE_COMPILE_CACHE`), and V8 coverage, whose figures cached functions would blur.
 */
export function compileCachesSwitchedOff(env: NodeJS.ProcessEnv): 'disabled' | 'coverage' | undefined {
  if (env['NODE_DISABLE_COMPILE_CACHE']) return 'disabled';
  if (env['NODE_V8_COVERAGE']) return 'coverage';
  return undefined;
}
