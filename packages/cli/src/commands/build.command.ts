import * as path from 'node:path';
import { requireProject } from '../project/project';
import { buildConfig, runTsc } from '../run/tsc';
import type { TenonCommand } from './tenon-command';

/** `tenon build`: `tsc -p tsconfig.build.json` with the app's TypeScript. */
export const buildCommand: TenonCommand = {
  register(program, { io, action }) {
    program
      .command('build')
      .description(
        'type-check and compile the app with tsc (tsconfig.build.json, else tsconfig.json) into dist/',
      )
      .option('-p, --project <tsconfig>', 'the tsconfig to compile')
      .action(
        action((options: { project?: string; dryRun?: boolean }) => {
          const project = requireProject(io.cwd, 'build');
          const config = buildConfig(project, options.project);
          if (options.dryRun) {
            io.out(`would run tsc -p ${path.relative(project.root, config)} in ${project.root}`);
            return 0;
          }
          const ms = runTsc(project, config, io);
          io.out(`built with tsc -p ${path.relative(project.root, config)} in ${Math.round(ms)} ms`);
          return 0;
        }),
      );
  },
};
