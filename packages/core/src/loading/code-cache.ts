import * as nodeModule from 'node:module';
import * as vm from 'node:vm';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { readCodeCacheFile, writeCodeCacheFile, type CodeCacheEntry } from './code-cache-file';
import { compileCachesSwitchedOff } from './compile-cache';

/**
 * Whether the code cache runs in this process, or why not:
 * - `on`: CommonJS modules loaded from here on are compiled through it;
 * - `disabled`: `NODE_DISABLE_COMPILE_CACHE` (Node's switch for its own cache) or `TENON_CODE_CACHE=0`;
 * - `coverage`: `NODE_V8_COVERAGE` is set (c8), whose figures cached functions would blur;
 * - `foreign-loader`: @tenon/core was loaded by another module loader than Node's (Jest's, in a
 *   test), whose modules the cache would not see;
 * - `unsupported`: this Node lacks an API it needs (`zlib.crc32`, Node 20.15 and 22.2);
 * - `failed`: the cache file could not be written; the modules still load, uncached.
 */
export type CodeCacheState = 'on' | 'disabled' | 'coverage' | 'foreign-loader' | 'unsupported' | 'failed';

/** What the code cache did in this process. */
export interface CodeCacheStatus {
  state: CodeCacheState;
  /** The cache file of this entry point (absent when off). */
  file?: string;
  /** Modules compiled from the cache. */
  fromCache: number;
  /** Modules compiled from source: new, edited, or their cache refused by V8 (another Node, other flags). */
  compiled: number;
  /**
   * Modules left to Node's loader: those that call `import()`, any V8 could not compile as a
   * function body, and under `--enable-source-maps` those with a source map.
   */
  leftToNode: number;
  /** Modules written by the last save. */
  saved: number;
}

interface ModuleInternals {
  prototype: { _compile: CompileFunction };
  _resolveFilename(
    request: string,
    parent: NodeModule,
    isMain: boolean,
    options?: { paths?: string[] },
  ): string;
  _resolveLookupPaths(request: string, parent: NodeModule): string[] | null;
  _extensions: NodeJS.RequireExtensions;
  _cache: NodeJS.Dict<NodeModule>;
}

type ModuleFunction = (this: unknown, ...args: unknown[]) => unknown;

type CompileFunction = (this: NodeModule, content: string, filename: string, format?: string) => unknown;

interface Pending {
  script?: vm.Script;
  sourceLength: number;
  sourceCrc: number;
}

interface State {
  status: CodeCacheStatus;
  /**
   * The file's entries: read at install, dropped once the start has settled (1 MB and more that
   * the process would otherwise hold for its life), read again by a module loaded later (a
   * driver on the first query) and by a save.
   */
  entries?: Map<string, CodeCacheEntry>;
  /** Modules compiled from source (or newly left to Node) since the last save. */
  pending: Map<string, Pending>;
  timer?: NodeJS.Timeout;
  crc32?: (data: string | Buffer) => number;
}

// One per process, whichever copy of @tenon/core installs it: two copies (a workspace and a
// dependency's) must not both wrap the loader.
const STATE = Symbol.for('tenon.codeCache');
type Global = typeof globalThis & { [STATE]?: State };

const WRAPPER_HEAD = '(function (exports, require, module, __filename, __dirname) {\n';
const WRAPPER_TAIL = '\n})';
/** A save soon after the last milestone of a start, once the code of the start has run. */
const SETTLE_MS = 250;

/**
 * Turns on Tenon's code cache: every CommonJS module loaded from here on (Fastify, the other
 * Tenon packages, the drivers, the application's own compiled code) is compiled with V8's code
 * cache, and the cache is written once the application has started. Why not only Node's compile
 * cache (which `@tenon/core` turns on too): Node writes a module's cache right after compiling
 * it, when V8 has compiled only its top level; the functions a start then calls (the container's
 * scan and link, Fastify's route registration) are compiled again at every start. This cache is
 * written after the start, and holds them: 16 ms less CPU, a tenth, at the start of a
 * 1,000-provider application on Node 24 (see benchmarks/RESULTS.md).
 *
 * `@tenon/core`'s entry file calls this before loading the package, so the package is cached too.
 * A module is compiled from its cache only when its source has the length and CRC-32 the cache
 * was made for; V8 refuses a cache from another Node or with other V8 flags, and the module is then
 * compiled from source and the cache written again. The file is
 * `<NODE_COMPILE_CACHE or os.tmpdir()/node-compile-cache>/tenon-<V8 version>-<arch>/<entry>.bin`,
 * private to the user. Left to Node's own loader: ES modules, `.ts` files, modules that call
 * `import()`, the entry file, and under `--enable-source-maps` the modules that have a source map
 * (their stack traces stay mapped).
 *
 * @example
 * ```sh
 * TENON_CODE_CACHE=0 node dist/main.js                 # start without it
 * NODE_COMPILE_CACHE=/var/cache/app node dist/main.js  # keep it (and Node's) somewhere else
 * ```
 */
export function installCodeCache(env: NodeJS.ProcessEnv = process.env): CodeCacheStatus {
  const global = globalThis as Global;
  if (global[STATE]) return global[STATE].status;
  const loadedByNode = typeof module === 'object' && module instanceof nodeModule.Module;
  const state: State = { status: emptyStatus(offReason(env, loadedByNode)), pending: new Map() };
  global[STATE] = state;
  if (state.status.state !== 'on') return state.status;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const crc32 = (require('node:zlib') as { crc32?: State['crc32'] }).crc32;
  if (typeof crc32 !== 'function' || vm.constants?.USE_MAIN_CONTEXT_DEFAULT_LOADER === undefined) {
    state.status.state = 'unsupported';
    return state.status;
  }
  state.crc32 = crc32;
  state.status.file = cacheFile(env, crc32);
  state.entries = readCodeCacheFile(state.status.file);
  const Module = nodeModule.Module as unknown as ModuleInternals;
  const original = Module.prototype._compile;
  Module.prototype._compile = function compileWithCodeCache(content, filename, format) {
    if (
      state.status.state !== 'on' ||
      (format !== undefined && format !== 'commonjs') ||
      !(filename.endsWith('.js') || filename.endsWith('.cjs')) ||
      this.id === '.'
    ) {
      // eslint-disable-next-line prefer-rest-params
      return original.apply(this, arguments as unknown as Parameters<CompileFunction>);
    }
    // With --enable-source-maps, Node maps stack traces only through the modules it compiled
    // itself (it reads their map as it compiles them): a module with a map is left to it.
    const fn =
      process.sourceMapsEnabled && content.lastIndexOf('sourceMappingURL=') !== -1
        ? leftToNode(state)
        : compileFunction(state, content, filename);
    // eslint-disable-next-line prefer-rest-params
    if (!fn) return original.apply(this, arguments as unknown as Parameters<CompileFunction>);
    return fn.call(this.exports, this.exports, makeRequire(Module, this), this, filename, dirname(filename));
  };
  return state.status;
}

/** The code cache of this process: what it did, and its save. */
export const codeCache = {
  /**
   * What the code cache did in this process.
   *
   * @example
   * ```ts
   * const { state, fromCache, compiled } = codeCache.status();
   * ```
   */
  status(): CodeCacheStatus {
    return { ...((globalThis as Global)[STATE]?.status ?? emptyStatus('disabled')) };
  },

  /**
   * Writes the cache of the modules compiled from source since the last save; returns how many.
   * Tenon saves by itself once an application has started (after `listen()`, after
   * `ApplicationContext.create()`) and when it closes; call this from a start of your own.
   *
   * @example
   * ```ts
   * await worker.start();
   * codeCache.save();
   * ```
   */
  save(): number {
    const state = (globalThis as Global)[STATE];
    if (!state || state.status.state !== 'on' || state.pending.size === 0) return 0;
    clearTimeout(state.timer);
    const entries = entriesOf(state);
    for (const [file, pending] of state.pending) {
      const data = pending.script?.createCachedData();
      entries.set(file, {
        sourceLength: pending.sourceLength,
        sourceCrc: pending.sourceCrc,
        ...(data ? { data, dataCrc: state.crc32!(data) } : { skip: true }),
      });
    }
    const saved = state.pending.size;
    state.pending.clear();
    state.entries = undefined;
    try {
      writeCodeCacheFile(state.status.file!, entries);
      state.status.saved = saved;
      return saved;
    } catch {
      state.status.state = 'failed';
      return 0;
    }
  },

  /**
   * A milestone of the start has passed: the cache is saved shortly after the last one, so that
   * it holds what the start compiled. Does not keep the process alive.
   */
  settle(): void {
    const state = (globalThis as Global)[STATE];
    if (!state || state.status.state !== 'on') return;
    clearTimeout(state.timer);
    state.timer = setTimeout(() => {
      if (state.pending.size > 0) codeCache.save();
      else state.entries = undefined;
    }, SETTLE_MS);
    state.timer.unref();
  },
};

/** Leaves a module to Node's loader; recorded (with its source's identity) so the next start does not try again. */
function leftToNode(
  state: State,
  recorded?: { filename: string; content: string; sourceCrc: number },
): undefined {
  state.status.leftToNode++;
  if (recorded) {
    state.pending.set(recorded.filename, {
      sourceLength: recorded.content.length,
      sourceCrc: recorded.sourceCrc,
    });
  }
  return undefined;
}

function entriesOf(state: State): Map<string, CodeCacheEntry> {
  return (state.entries ??= readCodeCacheFile(state.status.file!));
}

function emptyStatus(state: CodeCacheState): CodeCacheStatus {
  return { state, fromCache: 0, compiled: 0, leftToNode: 0, saved: 0 };
}

function offReason(env: NodeJS.ProcessEnv, loadedByNode: boolean): CodeCacheState {
  if (['0', 'false', 'off'].includes(env['TENON_CODE_CACHE'] ?? '')) return 'disabled';
  return compileCachesSwitchedOff(env) ?? (loadedByNode ? 'on' : 'foreign-loader');
}

/** One file per entry point: each application keeps the modules of its own start. */
function cacheFile(env: NodeJS.ProcessEnv, crc32: NonNullable<State['crc32']>): string {
  const root = env['NODE_COMPILE_CACHE'] || join(tmpdir(), 'node-compile-cache');
  const entry = require.main?.filename ?? resolve(process.argv[1] ?? 'repl');
  const name = (crc32(entry) >>> 0).toString(16).padStart(8, '0');
  return join(resolve(root), `tenon-${process.versions.v8}-${process.arch}`, `${name}.bin`);
}

/**
 * The module's function, compiled with its cache when the cache is for this source; undefined
 * when the module is left to Node.
 */
function compileFunction(state: State, content: string, filename: string): ModuleFunction | undefined {
  const sourceCrc = state.crc32!(content);
  const known = entriesOf(state).get(filename);
  const fresh = known !== undefined && known.sourceLength === content.length && known.sourceCrc === sourceCrc;
  if (fresh && known.skip) return leftToNode(state);
  if (!fresh && callsImport(content)) return leftToNode(state, { filename, content, sourceCrc });
  const cachedData =
    fresh && known.data && state.crc32!(known.data) === known.dataCrc ? known.data : undefined;
  let script: vm.Script;
  try {
    script = new vm.Script(WRAPPER_HEAD + content + WRAPPER_TAIL, {
      filename,
      // The wrapper's line: positions in stack traces are the file's own.
      lineOffset: -1,
      ...(cachedData ? { cachedData } : {}),
      // Never used by the modules compiled here (see callsImport); a safety net that keeps an
      // `import()` working should one be missed.
      importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
    });
  } catch (error) {
    // Not a function body (an ES module in a .js file, a shebang): Node's loader knows what to
    // do. Recorded, so that the next start does not try again.
    if (error instanceof SyntaxError) return leftToNode(state, { filename, content, sourceCrc });
    throw error;
  }
  if (cachedData && !script.cachedDataRejected) state.status.fromCache++;
  else {
    state.status.compiled++;
    state.pending.set(filename, { script, sourceLength: content.length, sourceCrc });
  }
  return script.runInThisContext({ displayErrors: false }) as ModuleFunction;
}

// `import(` outside comment lines, or `import` followed by a comment (`import /* x */ (`).
const IMPORT_CALL = /\bimport\s*(?:\(|\/[*/])/g;

/**
 * Whether the source may call `import()`: a script compiled with `vm` resolves `import()` only
 * through an experimental Node API that prints a warning, so such a module is left to Node's
 * loader. JSDoc types (`@param {import('x').T}`) on comment lines do not count: Fastify's largest
 * files have them. Errs on the side of yes (a property named `import`, the word in a string).
 */
export function callsImport(source: string): boolean {
  if (!source.includes('import')) return false;
  IMPORT_CALL.lastIndex = 0;
  for (let match = IMPORT_CALL.exec(source); match; match = IMPORT_CALL.exec(source)) {
    const lineStart = source.lastIndexOf('\n', match.index) + 1;
    const before = source.slice(lineStart, match.index).trimStart();
    const commentLine = (before.startsWith('*') && !before.startsWith('*/')) || before.startsWith('//');
    if (!commentLine) return true;
  }
  return false;
}

/** The `require` Node gives a module: resolved from the module, its children recorded on it. */
function makeRequire(Module: ModuleInternals, module: NodeModule): NodeJS.Require {
  const moduleRequire = ((id: string) => module.require(id)) as NodeJS.Require;
  const resolveFrom = ((request: string, options?: { paths?: string[] }) =>
    Module._resolveFilename(request, module, false, options)) as NodeJS.RequireResolve;
  resolveFrom.paths = (request: string) => Module._resolveLookupPaths(request, module);
  moduleRequire.resolve = resolveFrom;
  moduleRequire.main = require.main;
  moduleRequire.extensions = Module._extensions;
  moduleRequire.cache = Module._cache as NodeJS.Require['cache'];
  return moduleRequire;
}
