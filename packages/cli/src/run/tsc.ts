import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import type { CliIo } from '../cli-io';
import { CliError } from '../errors/cli.error';
import { CliErrorCode } from '../errors/errors';
import type { Project } from '../project/project';
import { resolveTool } from './app-require';

/** The tsconfig `tenon build` compiles: tsconfig.build.json when there is one. */
export function buildConfig(project: Project, given?: string): string {
  if (given) return path.resolve(project.root, given);
  const build = path.join(project.root, 'tsconfig.build.json');
  return existsSync(build) ? build : path.join(project.root, 'tsconfig.json');
}

/** Type-checks and compiles the app with its own TypeScript (`tsc -p`); returns the time in ms. */
export function runTsc(project: Project, config: string, io: CliIo): number {
  const tsc = resolveTool(project.root, 'typescript/bin/tsc');
  const t = performance.now();
  const result = spawnSync(process.execPath, [tsc, '-p', config], {
    cwd: project.root,
    encoding: 'utf8',
    env: io.env,
  });
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`.trim();
  if (output) io.err(output);
  if (result.status !== 0)
    throw new CliError(
      CliErrorCode.PROCESS_FAILED,
      `tsc -p ${path.relative(project.root, config)} failed (exit ${result.status ?? result.signal}): fix the errors above and run it again.`,
    );
  return performance.now() - t;
}
