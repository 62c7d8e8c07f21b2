import { Option } from 'commander';
import { newProject, type NewProjectOptions } from '../new/new-project';
import { DATABASES } from '../new/versions';
import type { TenonCommand } from './tenon-command';

/** `tenon new NAME [--esm] [--db pglite|postgres|mysql|sqlite]`. */
export const newCommand: TenonCommand = {
  register(program, { io, action }) {
    program
      .command('new')
      .description('create an app that runs at once: a resource, unit and e2e tests, Dockerfile')
      .argument('<name>', 'the folder and package name, e.g. my-app')
      .option('--esm', 'ES modules ("type": "module", nodenext resolution); default CommonJS')
      .addOption(
        new Option('--db <database>', 'the database').choices(Object.keys(DATABASES)).default('pglite'),
      )
      .option('--skip-install', 'do not run npm install')
      .addHelpText(
        'after',
        '\nExamples:\n  tenon new my-app\n  tenon new my-app --esm --db postgres\n\nTENON_PACKAGES_DIR=<folder of npm pack tarballs> makes the app depend on those tarballs.',
      )
      .action(action((name: string, options: NewProjectOptions) => newProject(name, options, io)));
  },
};
