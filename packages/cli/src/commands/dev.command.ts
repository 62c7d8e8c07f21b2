import * as path from 'node:path';
import { requireProject } from '../project/project';
import { runDevServer } from '../run/dev-server';
import type { TenonCommand } from './tenon-command';

/** `tenon dev`: watch, recompile with swc, restart; restart time printed. */
export const devCommand: TenonCommand = {
  register(program, { io, action }) {
    program
      .command('dev')
      .description('run the app and restart it on every change in src/ (swc compile, restart time printed)')
      .option('--src <folder>', 'the sources to watch', 'src')
      .option('--out <folder>', 'where the compiled files go', 'dist')
      .option('--entry <file>', 'the entry, relative to --out', 'main.js')
      .action(
        action(async (options: { src: string; out: string; entry: string; dryRun?: boolean }) => {
          const project = requireProject(io.cwd, 'dev');
          if (options.dryRun) {
            io.out(
              `would compile ${options.src} into ${options.out} with swc, run node ${path.join(options.out, options.entry)}, and restart it on every change`,
            );
            return 0;
          }
          return runDevServer(project, options, io);
        }),
      );
  },
};
