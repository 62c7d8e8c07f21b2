import 'reflect-metadata';
import { DataError, DataErrorCode } from '@tenon/data';
import {
  defaultTieringBudget,
  holdTierUp,
  keepTierUpHeld,
  pgliteTierUp,
  releaseKeptTierUp,
  userSetsTieringBudget,
  withTierUpAfterStart,
} from '../../src/connection/pglite/start-tier-up';

describe('V8 tier-up held back while an embedded database starts', () => {
  const saved = process.env.NODE_OPTIONS;
  afterEach(() => {
    if (saved === undefined) delete process.env.NODE_OPTIONS;
    else process.env.NODE_OPTIONS = saved;
  });

  it('defaults to after-start, and reads TENON_PGLITE_TIER_UP unless the option is given', () => {
    expect(pgliteTierUp(undefined, undefined)).toBe('after-start');
    expect(pgliteTierUp(undefined, '')).toBe('after-start');
    expect(pgliteTierUp(undefined, 'v8')).toBe('v8');
    expect(pgliteTierUp('after-start', 'v8')).toBe('after-start');
  });

  it.each([
    [undefined, 'V8', 'TENON_PGLITE_TIER_UP is "V8"'],
    ['off', undefined, 'the tierUp option is "off"'],
    [true, undefined, 'the tierUp option is true'],
  ])('refuses %p / TENON_PGLITE_TIER_UP=%p with a stable code', (option, env, start) => {
    let error: unknown;
    try {
      pgliteTierUp(option, env);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DataError);
    expect((error as DataError).code).toBe(DataErrorCode.INVALID_PGLITE_TIER_UP);
    expect((error as DataError).message).toBe(
      `${start}, which is not a tier-up setting of the embedded database. Use "after-start" or "v8": ` +
        `"after-start" (the default) holds V8's optimisation of PGlite's WebAssembly back while the ` +
        `database starts, "v8" leaves V8's own tiering alone.`,
    );
  });

  it('sets the budget once for starts that overlap and restores it after the last, even one that fails', async () => {
    delete process.env.NODE_OPTIONS;
    const calls: string[] = [];
    const setFlags = (flags: string) => calls.push(flags);
    let finishFirst!: () => void;
    const first = withTierUpAfterStart(
      'after-start',
      () => new Promise<string>((resolve) => (finishFirst = () => resolve('first'))),
      setFlags,
      13_000_000,
    );
    const second = withTierUpAfterStart(
      'after-start',
      () => Promise.reject(new Error('no start')),
      setFlags,
      13_000_000,
    );
    await expect(second).rejects.toThrow('no start');
    expect(calls).toEqual(['--wasm-tiering-budget=600000000']);
    finishFirst();
    await expect(first).resolves.toBe('first');
    expect(calls).toEqual(['--wasm-tiering-budget=600000000', '--wasm-tiering-budget=13000000']);
  });

  it('leaves the flags alone on v8, on a V8 whose default budget is not known, or when the user set the budget', async () => {
    const calls: string[] = [];
    await withTierUpAfterStart(
      'v8',
      async () => 1,
      (f) => calls.push(f),
    );
    process.env.NODE_OPTIONS = '--max-old-space-size=512 --wasm_tiering_budget=3';
    await withTierUpAfterStart(
      'after-start',
      async () => 1,
      (f) => calls.push(f),
    );
    expect(calls).toEqual([]);
    expect(userSetsTieringBudget(['--wasm-tiering-budget=5'], undefined)).toBe(true);
    expect(userSetsTieringBudget(['--inspect'], '--trace-warnings')).toBe(false);
  });
  it('keeps a hold with its owner until released there, once', () => {
    delete process.env.NODE_OPTIONS;
    const calls: string[] = [];
    const owner = {};
    keepTierUpHeld(
      owner,
      holdTierUp('after-start', (f) => calls.push(f), 13_000_000),
    );
    expect(calls).toEqual(['--wasm-tiering-budget=600000000']);
    releaseKeptTierUp(owner);
    releaseKeptTierUp(owner);
    expect(calls).toEqual(['--wasm-tiering-budget=600000000', '--wasm-tiering-budget=13000000']);
  });
  it("knows V8's default budget by major version, and no other", () => {
    expect(defaultTieringBudget('11.3.244.8-node.38')).toBe(1_800_000);
    expect(defaultTieringBudget('13.6.233.17-node.63')).toBe(13_000_000);
    expect(defaultTieringBudget('15.0.1')).toBeUndefined();
  });
});
