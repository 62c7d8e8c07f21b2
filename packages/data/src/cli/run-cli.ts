import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { Database } from '../connection/database';
import { parseDatabaseUrl } from '../connection/database-url';
import { migrationsFolderMissing } from '../errors/schema.errors';
import { TenonError } from '@tenon/core';
import { migrationSource, writeMigration, type MigrationFormat } from '../schema/migration-generator';
import { Migrations } from '../schema/migrations';
import { describeDiff, diffSchema } from '../schema/schema-diff';

/** What `tenon-data.config.js` exports (CommonJS `module.exports` or a default export). */
export interface TenonDataConfig {
  url?: string;
  migrationsFolder?: string;
  /** Entity classes, for `generate`. */
  entities?: Function[];
}

/** Where the command reads and writes; tests pass their own. */
export interface CliIo {
  cwd: string;
  env: NodeJS.ProcessEnv;
  out(line: string): void;
  err(line: string): void;
}

export const USAGE = `Usage: tenon-data <command> [options]

Commands:
  migrate            apply every pending migration
  down               revert the last applied migration
  status             list migrations, applied and pending
  generate <name>    write a migration for the difference between the entities and the database

Options:
  --url <url>            database URL (default: config url, then $DATABASE_URL, then pglite://./.tenon/data)
  --migrations <folder>  migrations folder (default: config migrationsFolder, then ./migrations)
  --config <file>        config module (default: ./tenon-data.config.js when present)
  --js                   generate CommonJS JavaScript instead of TypeScript`;

interface Parsed {
  command: string | undefined;
  args: string[];
  flags: Map<string, string | true>;
}

function parseArgs(argv: readonly string[]): Parsed {
  const flags = new Map<string, string | true>();
  const args: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--js' || arg === '--help' || arg === '-h') flags.set(arg.replace(/^-+/, ''), true);
    else if (arg.startsWith('--')) flags.set(arg.slice(2), argv[++i] ?? '');
    else args.push(arg);
  }
  return { command: args.shift(), args, flags };
}

function loadConfig(io: CliIo, file: string | undefined): TenonDataConfig {
  const candidate = path.resolve(io.cwd, file ?? 'tenon-data.config.js');
  if (!existsSync(candidate)) {
    if (file !== undefined) throw new Error(`the config file ${candidate} does not exist`);
    return {};
  }
  // The config is a CommonJS module chosen at run time.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const loaded = require(candidate) as TenonDataConfig & { default?: TenonDataConfig };
  return loaded.default ?? loaded;
}

/**
 * The `tenon-data` command. Returns the exit code: 0 success, 1 failure, 2 usage error.
 *
 * @example
 * process.exitCode = await runCli(process.argv.slice(2));
 */
export async function runCli(argv: readonly string[], io: CliIo = defaultIo()): Promise<number> {
  const { command, args, flags } = parseArgs(argv);
  if (command === undefined || command === 'help' || flags.has('help') || flags.has('h')) {
    io.out(USAGE);
    return command === undefined ? 2 : 0;
  }
  if (!['migrate', 'down', 'status', 'generate'].includes(command)) {
    io.err(`Unknown command "${command}".\n\n${USAGE}`);
    return 2;
  }
  if (command === 'generate' && args[0] === undefined) {
    io.err(`generate needs a name: tenon-data generate add_todos`);
    return 2;
  }
  let database: Database | undefined;
  try {
    const config = loadConfig(
      io,
      typeof flags.get('config') === 'string' ? (flags.get('config') as string) : undefined,
    );
    const url =
      (flags.get('url') as string | undefined) ??
      config.url ??
      io.env.DATABASE_URL ??
      'pglite://./.tenon/data';
    const folder = path.resolve(
      io.cwd,
      (flags.get('migrations') as string | undefined) ?? config.migrationsFolder ?? 'migrations',
    );
    // Checks that need no connection come first: opening an embedded database takes a while.
    if (command === 'generate' && (config.entities ?? []).length === 0) {
      io.err('generate needs the entity classes: export them as `entities` from tenon-data.config.js');
      return 2;
    }
    parseDatabaseUrl(url);
    if (command !== 'generate' && !existsSync(folder)) throw migrationsFolderMissing(folder);
    database = await Database.connect({
      url: url.startsWith('pglite://./') ? `pglite://${path.resolve(io.cwd, url.slice(9))}` : url,
    });
    const migrations = new Migrations(database, folder);
    switch (command) {
      case 'migrate': {
        const applied = await migrations.up();
        io.out(applied.length === 0 ? 'Already up to date.' : applied.map((n) => `applied ${n}`).join('\n'));
        break;
      }
      case 'down': {
        const reverted = await migrations.down();
        io.out(
          reverted.length === 0 ? 'No migration to revert.' : reverted.map((n) => `reverted ${n}`).join('\n'),
        );
        break;
      }
      case 'status': {
        const list = await migrations.status();
        if (list.length === 0) io.out(`No migrations in ${folder}.`);
        for (const m of list)
          io.out(`${m.executedAt ? '[x]' : '[ ]'} ${m.name}  ${m.executedAt?.toISOString() ?? 'pending'}`);
        break;
      }
      case 'generate': {
        const diff = await diffSchema(database, config.entities!);
        const format: MigrationFormat = flags.has('js') ? 'js' : 'ts';
        const file = writeMigration(
          folder,
          args[0]!,
          migrationSource(diff, database.capabilities.dialect, format),
          format,
        );
        const changes = describeDiff(diff);
        io.out(`wrote ${path.relative(io.cwd, file)}`);
        for (const change of changes) io.out(`  - ${change}`);
        if (changes.length === 0) io.out('  (no difference found: the migration is empty)');
        break;
      }
    }
    return 0;
  } catch (error) {
    io.err(
      error instanceof TenonError ? `${error.code}: ${error.message}` : `error: ${(error as Error).message}`,
    );
    return 1;
  } finally {
    await database?.close();
  }
}

function defaultIo(): CliIo {
  return {
    cwd: process.cwd(),
    env: process.env,
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
  };
}
