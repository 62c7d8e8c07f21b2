import { setFlagsFromString } from 'node:v8';
import type * as ConnectionErrors from '../../errors/connection.errors';

/**
 * When V8 may optimise PGlite's WebAssembly: `after-start` (the default) lets the functions an
 * embedded database's start runs once each stay in V8's baseline code; `v8` leaves V8's own
 * tiering alone.
 */
export type PgliteTierUp = 'after-start' | 'v8';

const SETTINGS: readonly PgliteTierUp[] = ['after-start', 'v8'];

/** The V8 flag this sets: how much work a WebAssembly function does before it is optimised. */
const FLAG = 'wasm-tiering-budget';

/**
 * The budget a PGlite instance's functions start with: 46 times V8 13's default. Measured on
 * Node 24 (an app on pglite://memory, schema created at boot): 3e8 still let the start's
 * recompiles through (425 MiB at ready), 6e8 held them (209 MiB); 2e9 held no better and kept
 * queries slower for longer. The cost: a function is optimised only once it has used this budget
 * up, so lookups by id ran 10-25% slower (CPU per lookup, pinned, noisy machine) than with V8's
 * default over the first ~150,000, closing the gap slowly.
 */
const START_BUDGET = 600_000_000;

/**
 * V8's default budget by V8 major version, read from `node --v8-options` of Node 20 (V8 11),
 * 22 (V8 12), 24 (V8 13) and 26 (V8 14). There is no API to read a flag, so a V8 not listed here
 * is left alone: the budget would be restored to a guess.
 */
const DEFAULT_BUDGETS: Readonly<Record<string, number>> = {
  '11': 1_800_000,
  '12': 13_000_000,
  '13': 13_000_000,
  '14': 13_000_000,
};

/** V8's default budget in this process, or undefined when this V8 is not one measured. */
export function defaultTieringBudget(v8Version: string = process.versions.v8): number | undefined {
  return DEFAULT_BUDGETS[v8Version.split('.')[0]!];
}

/** Starts under way that hold the budget: it is set by the first and restored by the last. */
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
export function userSetsTieringBudget(
  execArgv: readonly string[] = process.execArgv,
  nodeOptions: string | undefined = process.env.NODE_OPTIONS,
): boolean {
  const named = (arg: string) => arg.replace(/_/g, '-').startsWith(`--${FLAG}`);
  return execArgv.some(named) || (nodeOptions ?? '').split(/\s+/).some(named);
}

/**
 * Holds V8's tier-up of WebAssembly back until the returned function is called (once counts;
 * later calls do nothing). Why: PostgreSQL's start runs thousands of functions once each, hot
 * enough under V8 13's budget to be recompiled with TurboFan on background threads; those
 * compiles held ~350 MiB at the moment an app was ready on Node 24 (561 MiB instead of ~200)
 * and competed with the start for the cores. A WebAssembly instance's functions take the budget
 * in force when the instance is made, and a function that used its budget up takes the one in
 * force then: so PGlite's functions start with a large one, and once restored, those that
 * queries keep hot are optimised after it and then as usual. `v8.setFlagsFromString` is a
 * public API, but the flag is the whole process's: other WebAssembly instantiated meanwhile
 * starts with the large budget too. Nothing is touched with `v8`, when the user set the flag,
 * or on a V8 whose default is not known. (`--wasm-tier-up-filter` would hold the start back
 * too, but V8's baseline compiler leaves the tier-up check out of every function compiled while
 * it is set: those functions were never optimised, and queries stayed 25% slower.)
 *
 * @example
 * const release = holdTierUp('after-start');
 * try { await startPglite(); } finally { release(); }
 */
export function holdTierUp(
  setting: PgliteTierUp,
  setFlags: (flags: string) => void = setFlagsFromString,
  defaultBudget: number | undefined = defaultTieringBudget(),
): () => void {
  if (setting === 'v8' || defaultBudget === undefined || userSetsTieringBudget()) return () => undefined;
  if (holders++ === 0) setFlags(`--${FLAG}=${START_BUDGET}`);
  let released = false;
  return () => {
    if (released) return;
    released = true;
    if (--holders === 0) setFlags(`--${FLAG}=${defaultBudget}`);
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
  defaultBudget: number | undefined = defaultTieringBudget(),
): Promise<T> {
  const release = holdTierUp(setting, setFlags, defaultBudget);
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
