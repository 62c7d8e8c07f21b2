import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { createTenon } from '../src/create-tenon';

describe('create-tenon', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'create-tenon-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const io = (lines: string[]) => ({
    cwd: dir,
    env: process.env,
    out: (l: string) => lines.push(l),
    err: (l: string) => lines.push(l),
  });

  it('is tenon new: same files, same options', async () => {
    const lines: string[] = [];
    expect(await createTenon(['my-app', '--esm', '--skip-install'], io(lines))).toBe(0);
    expect(lines[0]).toBe(
      `Created my-app in ${path.join(dir, 'my-app')} (ES modules, PGlite (PostgreSQL in-process, no server)).`,
    );
    expect(JSON.parse(readFileSync(path.join(dir, 'my-app', 'package.json'), 'utf8')).type).toBe('module');
    expect(existsSync(path.join(dir, 'my-app', 'src', 'items', 'item.controller.ts'))).toBe(true);
  });

  it('asks for a name (exit 2) and has --help (exit 0) through the binary', () => {
    const bin = path.join(__dirname, '..', 'dist', 'bin', 'create-tenon.js');
    const missing = spawnSync(process.execPath, [bin], { cwd: dir, encoding: 'utf8' });
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain("error: missing required argument 'name'");
    const help = spawnSync(process.execPath, [bin, '--help'], { cwd: dir, encoding: 'utf8' });
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('--esm');
  });
});
