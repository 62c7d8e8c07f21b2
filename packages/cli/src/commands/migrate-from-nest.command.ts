import * as path from 'node:path';
import { formatMigrationReport, migrateFromNest } from '../migrate-from-nest/migrate-from-nest';
import type { TenonCommand } from './tenon-command';

/**
 * `tenon migrate-from-nest [path]`: rewrites a NestJS app to Tenon in place (imports, factory
 * and testing calls, `@nestjs/jwt`), leaves `// TODO(tenon):` comments where a human decides,
 * and prints a summary; `--dry-run` prints the diff and writes nothing.
 */
export const migrateFromNestCommand: TenonCommand = {
  register(program, { io, action }) {
    program
      .command('migrate-from-nest [path]')
      .description(
        'rewrite a NestJS app to Tenon (imports, NestFactory, testing module, JWT); see docs/migrating-from-nest.md',
      )
      .option(
        '--problem-details',
        "answer errors as application/problem+json (Tenon's default) instead of keeping NestJS's error body (errorFormat: 'nest')",
      )
      .action(
        action(async (dir: string | undefined, options: { dryRun?: boolean; problemDetails?: boolean }) => {
          const dryRun = options.dryRun === true;
          const report = await migrateFromNest({
            dir: path.resolve(io.cwd, dir ?? '.'),
            dryRun,
            nestErrors: options.problemDetails !== true,
          });
          if (dryRun && report.diff !== '')
            for (const line of report.diff.replace(/\n$/, '').split('\n')) io.out(line);
          for (const line of formatMigrationReport(report, dryRun)) io.out(line);
          return 0;
        }),
      );
  },
};
