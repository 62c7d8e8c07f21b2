import { setFlagsFromString } from 'node:v8';
import type * as ConnectionErrors from '../../errors/connection.errors';

/**
 * When V8 may optimise PGlite's WebAssembly: `after-start` (the default) holds its tier-up to
 * TurboFan back while an embedded database starts; `v8` leaves V8's own tiering alone.
 */
export type PgliteTierUp = 'after-start' | 'v8';

const SETTINGS: readonly PgliteTierUp[] = ['after-start', 'v8'];

/** A function index no module has: with the filter on it, no function tiers up. */
const NO_FUNCTION = 2_147_483_647;

/** The V8 flag this holds; V8's default for it is -1 (every function may tier up). */
const FLAG = 'wasm-tier-up-filter';

/** Starts under way that hold the filter: it is set by the first and restored by the last. */
let holders = 0;

/**
 * The setting in force: the option if given, else `TENON_PGLITE_TIER_UP`, else `after-start`.
 * A value that is neither throws `TENON_DATA_INVALID_PGLITE_TIER_UP`.
 *
 * @example
 * pgliteTierUp(undefined); // 'after-start' unless TENON_PGLITE_TIER_UP=v8
 */
export function pgliteTierUp(
  option: unknown,
  env: string | undefined = process.env.TENON_PGLITE_TIER_UP,
): PgliteTierUp {
  if (option !== undefined) return checked(option, 'the tierUp option');
  if (env === undefined || env === '') return 'after-start';
  return checked(env, 'TENON_PGLITE_TIER_UP');
}

function checked(value: unknown, source: string): PgliteTierUp {
  if (SETTINGS.includes(value as PgliteTierUp)) return value as PgliteTierUp;
  // Loaded here: the errors need @tenon/core (and reflect-metadata), which the package's build
  // script, loading the start code alone to make the template, does not load.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const errors = require('../../errors/connection.errors') as typeof ConnectionErrors;
  throw errors.invalidPgliteTierUp(value, source, SETTINGS);
}

/** Whether the process was started with the flag (command line or NODE_OPTIONS): then it is the user's. */
export function userSetsTierUpFilter(
  execArgv: readonly string[] = process.execArgv,
  nodeOptions: string | undefined = process.env.NODE_OPTIONS,
): boolean {
  const named = (arg: string) => arg.replace(/_/g, '-').startsWith(`--${FLAG}`);
  return execArgv.some(named) || (nodeOptions ?? '').split(/\s+/).some(named);
}

/**
 * Holds V8's tier-up of WebAssembly back until the returned function is called (once counts;
 * later calls do nothing). Why: PostgreSQL's start runs thousands of functions once each, hot
 * enough for V8 13+ to recompile them with TurboFan on background threads; those compiles held
 * ~350 MiB at the moment an app was ready on Node 24 (561 MiB instead of ~190) and competed with
 * the start for the cores. The filter is checked when a function's tiering budget runs out, not
 * when the module is compiled, so once it is restored the functions that queries keep hot tier
 * up as usual (steady-state query speed measured unchanged). `v8.setFlagsFromString` is a public
 * API, but the flag is the whole process's: other WebAssembly running meanwhile does not tier up
 * either. Nothing is touched with `v8`, or when the user set the flag.
 *
 * @example
 * const release = holdTierUp('after-start');
 * try { await startPglite(); } finally { release(); }
 */
export function holdTierUp(
  setting: PgliteTierUp,
  setFlags: (flags: string) => void = setFlagsFromString,
): () => void {
  if (setting === 'v8' || userSetsTierUpFilter()) return () => undefined;
  if (holders++ === 0) setFlags(`--${FLAG}=${NO_FUNCTION}`);
  let released = false;
  return () => {
    if (released) return;
    released = true;
    if (--holders === 0) setFlags(`--${FLAG}=-1`);
  };
}

/**
 * Runs an embedded database's start under `holdTierUp`.
 *
 * @example
 * const db = await withTierUpAfterStart('after-start', () => startPglite());
 */
export async function withTierUpAfterStart<T>(
  setting: PgliteTierUp,
  start: () => Promise<T>,
  setFlags: (flags: string) => void = setFlagsFromString,
): Promise<T> {
  const release = holdTierUp(setting, setFlags);
  try {
    return await start();
  } finally {
    release();
  }
}

/** Holds kept past a start by their owner (the `Database` of a `DataModule`, until its schema is applied). */
const kept = new WeakMap<object, () => void>();

/** Keeps `release` with `owner` until `releaseKeptTierUp(owner)`. */
export function keepTierUpHeld(owner: object, release: () => void): void {
  kept.get(owner)?.();
  kept.set(owner, release);
}

/** Ends the hold kept with `owner`, if any. */
export function releaseKeptTierUp(owner: object): void {
  kept.get(owner)?.();
  kept.delete(owner);
}
