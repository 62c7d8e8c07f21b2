import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { cpus, release, totalmem, type } from 'node:os';
import { join } from 'node:path';
import { serverNodeVersionString } from './server-process';

const ROOT = join(__dirname, '..', '..', '..');

function version(name: string): string {
  for (const dir of [join(ROOT, 'node_modules', name), join(ROOT, 'benchmarks', 'node_modules', name)]) {
    const file = join(dir, 'package.json');
    if (existsSync(file)) return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
  }
  return 'not installed';
}

function tenonVersion(): string {
  return (
    JSON.parse(readFileSync(join(ROOT, 'packages', 'core', 'package.json'), 'utf8')) as { version: string }
  ).version;
}

function commit(): string {
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], {
      cwd: ROOT,
      encoding: 'utf8',
    }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'packages'], {
      cwd: ROOT,
      encoding: 'utf8',
    }).trim();
    return dirty ? `${head} (with uncommitted changes in packages/)` : head;
  } catch {
    return 'unknown (not a git checkout)';
  }
}

function wrkVersion(): string {
  try {
    // wrk prints its version with the usage text and exits 1.
    const out = execFileSync('bash', ['-c', 'wrk --version 2>&1 || true'], { encoding: 'utf8' });
    return /wrk (\S+)/.exec(out)?.[1] ?? 'unknown';
  } catch {
    return 'not installed';
  }
}

/** The machine and the versions measured, for the head of RESULTS.md. */
export function describeMachine(): string[] {
  const cpu = cpus();
  return [
    `- Machine: ${cpu.length} cores (${cpu[0]?.model.trim() ?? 'unknown CPU'}), ${(totalmem() / 2 ** 30).toFixed(1)} GiB, ${type()} ${release()}`,
    `- Node ${serverNodeVersionString()} (servers; the harness and autocannon on ${process.version}); wrk ${wrkVersion()}; Tenon ${tenonVersion()} at commit ${commit()}; fastify ${version('fastify')}; ` +
      `@nestjs/core ${version('@nestjs/core')}, @nestjs/platform-fastify ${version('@nestjs/platform-fastify')}, ` +
      `@nestjs/platform-express ${version('@nestjs/platform-express')}; class-validator ${version('class-validator')}; ` +
      `@electric-sql/pglite ${version('@electric-sql/pglite')}; pg ${version('pg')}; kysely ${version('kysely')}; ` +
      `autocannon ${version('autocannon')}`,
  ];
}
