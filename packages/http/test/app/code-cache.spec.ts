import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { CodeCacheStatus } from '@tenon/core';

const ROOT = resolve(__dirname, '../../../..');

// Tenon's code cache as an HTTP application gets it: written by itself shortly after listen().
describe('the code cache of an HTTP application', () => {
  let cache: string;
  beforeEach(() => (cache = mkdtempSync(join(tmpdir(), 'tenon-http-code-cache-'))));
  afterEach(() => rmSync(cache, { recursive: true, force: true }));

  function start(): { status: CodeCacheStatus; body: unknown } {
    const env: NodeJS.ProcessEnv = { ...process.env, NODE_COMPILE_CACHE: cache };
    for (const name of [
      'NODE_V8_COVERAGE',
      'NODE_OPTIONS',
      'NODE_DISABLE_COMPILE_CACHE',
      'TENON_CODE_CACHE',
    ]) {
      delete env[name];
    }
    const out = spawnSync(process.execPath, [join(__dirname, 'code-cache.fixture.js')], {
      cwd: ROOT,
      env,
      encoding: 'utf8',
    });
    if (out.status !== 0) throw new Error(`the application failed: ${out.stderr}`);
    return JSON.parse(out.stdout);
  }

  it('saves after listen() what the start compiled, and the next start reads it back', () => {
    const first = start();
    expect(first.body).toEqual({ hello: 'world' });
    expect(first.status.state).toBe('on');
    // Saved by itself (after create() and after listen(): on a slow machine in two saves).
    expect(first.status.saved).toBeGreaterThan(0);
    expect(existsSync(first.status.file!)).toBe(true);

    const second = start();
    expect(second.body).toEqual({ hello: 'world' });
    // @tenon/core, @tenon/http, Fastify and its dependencies.
    expect(second.status.fromCache).toBeGreaterThan(50);
    // What the first request loaded after the save (if anything) is all that is compiled again.
    expect(second.status.compiled).toBeLessThan(5);
  });
});
