import { infoCommand } from './info.command';
import { migrateFromNestCommand } from './migrate-from-nest.command';
import type { TenonCommand } from './tenon-command';

/**
 * Every `tenon` command, in the order `tenon --help` lists them. Adding a command is one file
 * (`src/commands/<name>.command.ts` exporting a `TenonCommand`) and one line here.
 */
export const COMMANDS: readonly TenonCommand[] = [infoCommand, migrateFromNestCommand];
