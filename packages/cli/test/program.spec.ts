import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { readFileSync } from 'node:fs';
import { CliErrorCode, COMMANDS, runTenon } from '../src/index';
import { run } from './run';
import { describeErrorCodesDocumented } from '../../../test-support/error-codes-documented';

describeErrorCodesDocumented('@tenon/cli', CliErrorCode);

describe('tenon (the program)', () => {
  it('prints its version with --version and -v, exit 0', async () => {
    const { version } = JSON.parse(readFileSync(path.join(__dirname, '..', 'package.json'), 'utf8'));
    for (const flag of ['--version', '-v']) {
      const result = await run([flag]);
      expect(result).toEqual({ code: 0, out: version, err: '' });
    }
  });

  it('lists the commands with --help (exit 0) and without arguments (exit 2)', async () => {
    const help = await run(['--help']);
    expect(help.code).toBe(0);
    expect(help.out).toContain('Usage: tenon [options] [command]');
    expect(help.out).toContain('info');
    expect((await run([])).code).toBe(2);
  });

  it('gives every command --help (exit 0) and --dry-run', async () => {
    const names = (await run(['--help'])).out
      .split('Commands:')[1]!
      .split('\n')
      .map((l) => /^ {2}([a-z][\w-]*)/.exec(l)?.[1])
      .filter((n): n is string => n !== undefined && n !== 'help');
    expect(names.length).toBeGreaterThanOrEqual(COMMANDS.length);
    for (const name of names) {
      const help = await run([name, '--help']);
      expect({ name, code: help.code }).toEqual({ name, code: 0 });
      expect(help.out).toContain('--dry-run');
    }
  });

  it('refuses an unknown command or option with exit 2 and says so', async () => {
    const unknown = await run(['frobnicate']);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain("error: unknown command 'frobnicate'");
    const option = await run(['info', '--nope']);
    expect(option.code).toBe(2);
    expect(option.err).toContain("error: unknown option '--nope'");
  });

  it('is callable in-process with the process io by default', () => {
    expect(typeof runTenon).toBe('function');
  });
});

describe('tenon info', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'tenon-info-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('prints the CLI and Node versions outside an app, exit 0', async () => {
    const result = await run(['info'], dir);
    expect(result.code).toBe(0);
    expect(result.out).toContain(`Node             ${process.version}`);
    expect(result.out).toContain(`No app here: ${dir} has no package.json at or above it.`);
  });

  it('checks the decorator flags and the reflect-metadata import, naming the fix (exit 1)', async () => {
    writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'demo' }));
    writeFileSync(
      path.join(dir, 'tsconfig.json'),
      JSON.stringify({ compilerOptions: { experimentalDecorators: true } }),
    );
    mkdirSync(path.join(dir, 'src'));
    writeFileSync(path.join(dir, 'src', 'main.ts'), "import { AppModule } from './app.module';\n");
    mkdirSync(path.join(dir, 'node_modules', '@tenon', 'core'), { recursive: true });
    writeFileSync(
      path.join(dir, 'node_modules', '@tenon', 'core', 'package.json'),
      JSON.stringify({ name: '@tenon/core', version: '9.8.7' }),
    );
    const result = await run(['info'], dir);
    expect(result.code).toBe(1);
    expect(result.out.split('\n').slice(3)).toEqual([
      `App              demo at ${dir} (CommonJS)`,
      '@tenon/core      9.8.7',
      'ok   tsconfig.json: experimentalDecorators',
      'FAIL tsconfig.json: emitDecoratorMetadata: set "emitDecoratorMetadata": true in compilerOptions (dependency injection by type reads the decorator metadata)',
      "FAIL src/main.ts imports reflect-metadata first: put import 'reflect-metadata'; as the first line of src/main.ts",
    ]);
  });

  it('passes on a well configured app (extends followed)', async () => {
    writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'ok', type: 'module' }));
    writeFileSync(
      path.join(dir, 'tsconfig.base.json'),
      JSON.stringify({ compilerOptions: { experimentalDecorators: true, emitDecoratorMetadata: true } }),
    );
    writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify({ extends: './tsconfig.base.json' }));
    mkdirSync(path.join(dir, 'src'));
    writeFileSync(path.join(dir, 'src', 'main.ts'), "import 'reflect-metadata';\n");
    const result = await run(['info'], dir);
    expect(result.out).toContain('(ES modules)');
    expect(result.out).toContain('@tenon/*         none installed (run npm install)');
    expect(result.code).toBe(0);
  });
});
