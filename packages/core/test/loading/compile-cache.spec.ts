import { execFileSync } from 'node:child_process';
import * as nodeModule from 'node:module';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { enableCompileCache } from '../../src/loading/compile-cache';
import { cacheTestEnv } from './cache-test-env';

const FAILED = 0;
const ENABLED = 1;

/** A stand-in for `node:module` that records whether the cache was asked for. */
function fakeModule(status: number): { calls: number; api: Parameters<typeof enableCompileCache>[1] } {
  const fake = {
    calls: 0,
    api: {
      enableCompileCache: () => {
        fake.calls++;
        return { status };
      },
      constants: { compileCacheStatus: { FAILED } },
    },
  };
  return fake;
}

describe('enableCompileCache', () => {
  it('turns the cache on where Node has the API', () => {
    const node = fakeModule(ENABLED);
    expect(enableCompileCache({}, node.api)).toBe('enabled');
    expect(node.calls).toBe(1);
  });

  it('says so when Node could not use the directory', () => {
    expect(enableCompileCache({}, fakeModule(FAILED).api)).toBe('failed');
  });

  it('does nothing on a Node without the API (before 22.1)', () => {
    expect(enableCompileCache({}, {})).toBe('unsupported');
  });

  it("leaves it off under Node's own opt-out, NODE_DISABLE_COMPILE_CACHE", () => {
    const node = fakeModule(ENABLED);
    expect(enableCompileCache({ NODE_DISABLE_COMPILE_CACHE: '1' }, node.api)).toBe('disabled');
    expect(node.calls).toBe(0);
  });

  it('leaves it off while V8 coverage is collected, which cached functions make less precise', () => {
    const node = fakeModule(ENABLED);
    expect(enableCompileCache({ NODE_V8_COVERAGE: '/tmp/coverage' }, node.api)).toBe('coverage');
    expect(node.calls).toBe(0);
  });
});

// The built package, in a process of its own: what an application gets from `import '@tenon/core'`.
const hasApi = typeof (nodeModule as { getCompileCacheDir?: unknown }).getCompileCacheDir === 'function';

describe('importing @tenon/core', () => {
  let temp: string;
  beforeEach(() => (temp = mkdtempSync(join(tmpdir(), 'tenon-compile-cache-'))));
  afterEach(() => rmSync(temp, { recursive: true, force: true }));

  function start(env: Record<string, string>): string {
    const script = [
      "require('reflect-metadata');",
      "require('@tenon/core');",
      // Loaded after @tenon/core, so compiled through the cache when it is on.
      "require('pino');",
      "process.stdout.write(String(require('node:module').getCompileCacheDir?.()));",
    ].join('\n');
    // Node's cache alone: Tenon's code cache (code-cache.spec.ts) would compile pino itself.
    const childEnv = cacheTestEnv({ TMPDIR: temp, TENON_CODE_CACHE: '0', ...env });
    return execFileSync(process.execPath, ['-e', script], { env: childEnv, encoding: 'utf8' });
  }

  (hasApi ? it : it.skip)('keeps compiled code under the temporary directory for the next start', () => {
    // One folder per Node version and V8 flags, under Node's default directory.
    const dir = start({});
    expect(dir.startsWith(join(temp, 'node-compile-cache') + '/')).toBe(true);
    // Written when the process exits: pino's files among them.
    expect(readdirSync(dir).length).toBeGreaterThan(0);
  });

  (hasApi ? it : it.skip)('writes nothing with NODE_DISABLE_COMPILE_CACHE=1', () => {
    expect(start({ NODE_DISABLE_COMPILE_CACHE: '1' })).toBe('undefined');
    expect(readdirSync(temp)).toEqual([]);
  });

  (hasApi ? it.skip : it)('changes nothing on a Node without a compile cache', () => {
    expect(start({})).toBe('undefined');
    expect(readdirSync(temp)).toEqual([]);
  });
});
