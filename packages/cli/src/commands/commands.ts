import { buildCommand } from './build.command';
import { devCommand } from './dev.command';
import { generateCommand } from './generate.command';
import { graphCommand } from './graph.command';
import { infoCommand } from './info.command';
import { migrateCommand } from './migrate.command';
import { migrateFromNestCommand } from './migrate-from-nest.command';
import { newCommand } from './new.command';
import { startCommand } from './start.command';
import type { TenonCommand } from './tenon-command';

/**
 * Every `tenon` command, in the order `tenon --help` lists them. Adding a command is one file
 * (`src/commands/<name>.command.ts` exporting a `TenonCommand`) and one line here.
 */
export const COMMANDS: readonly TenonCommand[] = [
  newCommand,
  generateCommand,
  devCommand,
  buildCommand,
  startCommand,
  migrateCommand,
  graphCommand,
  infoCommand,
  migrateFromNestCommand,
];
