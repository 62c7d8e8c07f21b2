import type { Command } from 'commander';
import { migrate, type MigrateAction, type MigrateOptions } from '../migrate/migrate';
import { requireProject } from '../project/project';
import type { TenonCommand } from './tenon-command';

/** `tenon migrate generate <name> | up | down | status`. */
export const migrateCommand: TenonCommand = {
  register(program, { io, action }) {
    const group = program
      .command('migrate')
      .description('generate, apply, revert and list database migrations (TypeScript in src/migrations)')
      .addHelpText(
        'after',
        '\nExamples:\n  tenon migrate generate init     write src/migrations/<time>_init.ts from entities vs. database\n  tenon migrate up\n  DATABASE_URL=postgres://app@db/shop tenon migrate status',
      );
    const withOptions = (command: Command): Command =>
      command
        .option(
          '--url <url>',
          'database URL (default: $DATABASE_URL, then .env, then pglite://./.tenon/data)',
        )
        .option('--migrations <folder>', 'the TypeScript migrations', 'src/migrations');
    const run = (what: MigrateAction) =>
      action(async (...args: unknown[]) => {
        const name = what === 'generate' ? (args[0] as string) : undefined;
        // With the group's options: `tenon migrate up --dry-run` may be parsed as `migrate`'s flag.
        const options = (args[args.length - 1] as Command).optsWithGlobals<MigrateOptions>();
        return migrate(requireProject(io.cwd, 'migrate'), what, name, options, io);
      });
    withOptions(group.command('generate').argument('<name>', 'e.g. init or add_cats'))
      .description(
        'write a migration for the difference between the entities and the database (none when equal)',
      )
      .action(run('generate'));
    withOptions(group.command('up')).description('apply every pending migration').action(run('up'));
    withOptions(group.command('down')).description('revert the last applied migration').action(run('down'));
    withOptions(group.command('status'))
      .description('list migrations, applied and pending')
      .action(run('status'));
  },
};
