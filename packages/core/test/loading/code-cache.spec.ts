import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { crc32 } from 'node:zlib';
import { callsImport, installCodeCache } from '../../src/loading/code-cache';
import {
  readCodeCacheFile,
  writeCodeCacheFile,
  type CodeCacheEntry,
} from '../../src/loading/code-cache-file';
import type { CodeCacheStatus } from '../../src/loading/code-cache';
import { cacheTestEnv } from './cache-test-env';

describe('callsImport', () => {
  it.each([
    ["const m = await import('./x.mjs');", true],
    ['return import ("pkg");', true],
    ['import /* webpackIgnore: true */ (name)', true],
    ["/* a comment */ import('x')", true],
    ["*/ import('x')", true],
    ["const x = 'import(';", true],
    ["module.exports = require('x');", false],
    ["/**\n * @param {import('./fastify').Options} options\n */\nfunction f(options) {}", false],
    ["// import('x') is not used here\nconst a = 1;", false],
    ['const reimport = () => 1; reimport();', false],
  ])('takes %j for a call of import(): %s (true: left to Node)', (source, expected) => {
    expect(callsImport(source)).toBe(expected);
  });
});

describe('installCodeCache', () => {
  it("stays off where another loader than Node's loads @tenon/core (Jest's, here)", () => {
    expect(installCodeCache({}).state).toBe('foreign-loader');
  });
});

describe('the code cache file', () => {
  let temp: string;
  beforeEach(() => (temp = mkdtempSync(join(tmpdir(), 'tenon-code-cache-file-'))));
  afterEach(() => rmSync(temp, { recursive: true, force: true }));

  function entries(): Map<string, CodeCacheEntry> {
    const data = Buffer.from('bytecode of a');
    return new Map<string, CodeCacheEntry>([
      ['/app/a.js', { sourceLength: 10, sourceCrc: 7, data, dataCrc: crc32(data) }],
      ['/app/dynamic.js', { sourceLength: 20, sourceCrc: 9, skip: true }],
    ]);
  }

  it('reads back what it wrote, in a folder private to the user', () => {
    const file = join(temp, 'cache', 'app.bin');
    writeCodeCacheFile(file, entries());
    const read = readCodeCacheFile(file);
    expect([...read.keys()]).toEqual(['/app/a.js', '/app/dynamic.js']);
    expect(read.get('/app/a.js')!.data!.toString()).toBe('bytecode of a');
    expect(read.get('/app/dynamic.js')).toEqual({ sourceLength: 20, sourceCrc: 9, skip: true });
    if (process.platform !== 'win32') {
      expect(modeOf(join(temp, 'cache'))).toBe(0o700);
      expect(modeOf(file)).toBe(0o600);
    }
  });

  it('reads nothing from a missing file', () => {
    expect(readCodeCacheFile(join(temp, 'none.bin')).size).toBe(0);
  });

  it.each([
    ['another format', (b: Buffer) => Buffer.concat([Buffer.from('tenon-code-cache 0\n'), b.subarray(19)])],
    ['a cut header', (b: Buffer) => b.subarray(0, 30)],
    ['cut data', (b: Buffer) => b.subarray(0, b.length - 3)],
    ['a header that is not JSON', (b: Buffer) => Buffer.concat([b.subarray(0, 23), Buffer.from('{{{{')])],
    ['an empty file', () => Buffer.alloc(0)],
  ])('reads nothing from %s, and does not throw', (_, damage) => {
    const file = join(temp, 'app.bin');
    writeCodeCacheFile(file, entries());
    writeFileSync(file, damage(readFileSync(file)), { mode: 0o600 });
    expect(readCodeCacheFile(file).size).toBe(0);
  });

  (process.platform === 'win32' ? it.skip : it)(
    'reads nothing from a file others may write: its bytecode would run here',
    () => {
      const file = join(temp, 'app.bin');
      writeCodeCacheFile(file, entries());
      chmodSync(file, 0o666);
      expect(readCodeCacheFile(file).size).toBe(0);
    },
  );
});

function modeOf(path: string): number {
  return statSync(path).mode & 0o777;
}

// The built package in processes of their own, as an application starts: the cache is off in
// jest's workers, and jest loads modules with its own loader anyway.
describe('an application started twice', () => {
  const corePackage = resolve(__dirname, '../..');
  const reflectMetadata = require.resolve('reflect-metadata');
  let app: string;
  let cacheRoot: string;

  beforeEach(() => {
    app = mkdtempSync(join(tmpdir(), 'tenon-code-cache-app-'));
    cacheRoot = join(app, 'cache');
    mkdirSync(join(app, 'lib'));
    writeFileSync(join(app, 'lib', 'esm.mjs'), "export const answer = 'from an ES module';\n");
    writeFileSync(join(app, 'lib', 'dynamic.js'), "exports.load = () => import('./esm.mjs');\n");
    writeFileSync(join(app, 'lib', 'tool.js'), '#!/usr/bin/env node\nexports.tool = true;\n');
    writeFileSync(join(app, 'lib', 'greeting.js'), GREETING('hello'));
    writeFileSync(join(app, 'lib', 'late.js'), 'exports.late = true;\n');
    // A compiled module with a source map: its line 1 comes from line 10 of mapped.ts.
    writeFileSync(
      join(app, 'lib', 'mapped.js'),
      "exports.fail = () => { throw new Error('mapped'); };\n//# sourceMappingURL=mapped.js.map\n",
    );
    writeFileSync(
      join(app, 'lib', 'mapped.js.map'),
      JSON.stringify({ version: 3, file: 'mapped.js', sources: ['mapped.ts'], names: [], mappings: 'AASA' }),
    );
    writeFileSync(
      join(app, 'main.js'),
      [
        `require(${JSON.stringify(reflectMetadata)});`,
        `const { codeCache } = require(${JSON.stringify(corePackage)});`,
        "const greeting = require('./lib/greeting');",
        "const { tool } = require('./lib/tool');",
        'let line;',
        'try { greeting.fail(); } catch (error) { line = /greeting\\.js:(\\d+):/.exec(error.stack)[1]; }',
        "let mapped; try { require('./lib/mapped').fail(); } catch (error) { mapped = /mapped\\.[jt]s:\\d+/.exec(error.stack)[0]; }",
        "require('./lib/dynamic').load().then((esm) => {",
        // Started: the cache lets go of the file's entries once settled; a module loaded after
        // that (as a driver on a first query) is still read from the cache.
        '  codeCache.settle();',
        '  setTimeout(() => {',
        "    require('./lib/late');",
        '    const saved = codeCache.save();',
        '    const report = { status: codeCache.status(), saved, said: greeting.say(), line: Number(line),',
        "      resolved: require.resolve('./lib/greeting'), esm: esm.answer, tool, mapped, parent: require.cache[require.resolve('./lib/greeting')].parent === module };",
        '    process.stdout.write(JSON.stringify(report));',
        '  }, 400);',
        '});',
      ].join('\n'),
    );
  });
  afterEach(() => rmSync(app, { recursive: true, force: true }));

  function start(
    env: Record<string, string> = {},
    flags: string[] = [],
  ): {
    status: CodeCacheStatus;
    saved: number;
    said: string;
    line: number;
    resolved: string;
    esm: string;
    tool: boolean;
    mapped: string;
    parent: boolean;
    stderr: string;
  } {
    const childEnv = cacheTestEnv({ NODE_COMPILE_CACHE: cacheRoot, ...env });
    const out = spawnSync(process.execPath, [...flags, join(app, 'main.js')], {
      env: childEnv,
      encoding: 'utf8',
    });
    if (out.status !== 0) throw new Error(`the application failed: ${out.stderr}`);
    return { ...JSON.parse(out.stdout), stderr: out.stderr };
  }

  it('compiles from source and saves the first time, from the cache the second', () => {
    const first = start();
    expect(first.status.state).toBe('on');
    // @tenon/core's own bundle and the application's modules (greeting.js, late.js).
    expect(first.status.compiled).toBeGreaterThanOrEqual(3);
    expect(first.status.fromCache).toBe(0);
    // settle() saved the start; the last save, the module loaded after it.
    expect(first.saved).toBe(1);
    expect(existsSync(first.status.file!)).toBe(true);
    expect(first.status.file!.startsWith(join(cacheRoot, `tenon-${process.versions.v8}-`))).toBe(true);

    const second = start();
    expect(second.status.compiled).toBe(0);
    expect(second.status.fromCache).toBe(first.status.compiled);
    expect(second.saved).toBe(0);
    expect(second.said).toBe('hello');
  });

  it('keeps what a module sees of Node: its require, its place in the cache, stack lines', () => {
    for (const run of [start(), start()]) {
      expect(run.resolved).toBe(join(app, 'lib', 'greeting.js'));
      expect(run.parent).toBe(true);
      // fail() throws on the file's fourth line.
      expect(run.line).toBe(4);
    }
  });

  it('leaves to Node a module that calls import() and one with a shebang: both work, without a warning', () => {
    const first = start();
    const second = start();
    for (const run of [first, second]) {
      expect(run.esm).toBe('from an ES module');
      expect(run.tool).toBe(true);
      expect(run.status.leftToNode).toBe(2);
      expect(run.stderr).not.toMatch(/Warning/);
    }
  });

  it('leaves a module with a source map to Node under --enable-source-maps: its stack stays mapped', () => {
    const plain = start();
    expect(plain.mapped).toBe('mapped.js:1');
    for (const run of [start({}, ['--enable-source-maps']), start({}, ['--enable-source-maps'])]) {
      expect(run.mapped).toBe('mapped.ts:10');
      // mapped.js, and @tenon/core's bundle, which ships its map too.
      expect(run.status.leftToNode).toBe(plain.status.leftToNode + 2);
      // The modules without a map are still read from the cache.
      expect(run.status.fromCache).toBeGreaterThanOrEqual(2);
    }
  });

  it('compiles an edited module from source, even at the same length', () => {
    start();
    writeFileSync(join(app, 'lib', 'greeting.js'), GREETING('howdy'));
    const edited = start();
    expect(edited.said).toBe('howdy');
    expect(edited.status.compiled).toBe(1);
    expect(start().said).toBe('howdy');
  });

  it('compiles from source over a damaged cache file, and writes it again', () => {
    const first = start();
    const file = first.status.file!;
    const bytes = readFileSync(file);
    // Flip the last bytes: some module's bytecode, which V8 itself does not check.
    for (let i = bytes.length - 64; i < bytes.length; i++) bytes[i] = bytes[i]! ^ 0xff;
    writeFileSync(file, bytes, { mode: 0o600 });
    const damaged = start();
    expect(damaged.said).toBe('hello');
    expect(damaged.status.compiled).toBeGreaterThanOrEqual(1);
    expect(start().status.compiled).toBe(0);
  });

  it.each<Record<string, string>>([{ NODE_DISABLE_COMPILE_CACHE: '1' }, { TENON_CODE_CACHE: '0' }])(
    'is off with %j and writes nothing',
    (env) => {
      const run = start(env);
      expect(run.status).toMatchObject({ state: 'disabled', compiled: 0, fromCache: 0 });
      expect(run.said).toBe('hello');
      const written = existsSync(cacheRoot) ? readdirSync(cacheRoot) : [];
      expect(written.filter((name) => name.startsWith('tenon-'))).toEqual([]);
    },
  );

  it('keeps working where the cache cannot be written, and says so', () => {
    // A file where the folder should be: nothing can be created under it.
    writeFileSync(cacheRoot, 'not a folder');
    const run = start();
    expect(run.said).toBe('hello');
    expect(run.saved).toBe(0);
    expect(run.status.state).toBe('failed');
  });
});

/** A module of the same length whatever the (5-letter) word: V8 alone would take its old cache. */
function GREETING(word: string): string {
  return [
    `const word = '${word}';`,
    'exports.say = () => word;',
    'exports.fail = () => {',
    "  throw new Error('on line 4');",
    '};',
    '',
  ].join('\n');
}
