import * as path from 'node:path';
import { requireProject } from '../project/project';
import { exited, forwardSignals, startNode } from '../run/node-process';
import { buildConfig, runTsc } from '../run/tsc';
import type { TenonCommand } from './tenon-command';

/** `tenon start`: build, then `node dist/main.js`; the exit code is the app's. */
export const startCommand: TenonCommand = {
  register(program, { io, action }) {
    program
      .command('start')
      .description('build the app (tenon build), then run it with node')
      .option('--entry <file>', 'the compiled entry file', 'dist/main.js')
      .option('--no-build', 'run the compiled app as it is')
      .action(
        action(async (options: { entry: string; build: boolean; dryRun?: boolean }) => {
          const project = requireProject(io.cwd, 'start');
          const config = buildConfig(project);
          if (options.dryRun) {
            if (options.build) io.out(`would run tsc -p ${path.relative(project.root, config)}`);
            io.out(`would run node ${options.entry} in ${project.root}`);
            return 0;
          }
          if (options.build) runTsc(project, config, io);
          const child = startNode(options.entry, project.root, io.env);
          const unforward = forwardSignals(child);
          const code = await exited(child);
          unforward();
          return code;
        }),
      );
  },
};
