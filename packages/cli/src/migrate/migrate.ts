import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { parseEnv } from 'node:util';
import type { CliIo } from '../cli-io';
import { CliError } from '../errors/cli.error';
import { CliErrorCode } from '../errors/errors';
import type { Project } from '../project/project';
import { compileTree } from '../run/compile';
import { loadDataApi, type DataApi } from './data-api';

export type MigrateAction = 'generate' | 'up' | 'down' | 'status';

/** Options shared by the `tenon migrate` subcommands. */
export interface MigrateOptions {
  readonly url?: string;
  /** The TypeScript migrations, relative to the app (default `src/migrations`). */
  readonly migrations?: string;
  readonly dryRun?: boolean;
}

/** Where `tenon migrate` compiles the app (CommonJS, whatever the app's module kind). */
export const MIGRATE_BUILD_DIR = '.tenon/cli-build';
let runs = 0;

/** `--url`, else `DATABASE_URL` from the environment, else from `.env`, else the embedded default. */
export function databaseUrl(project: Project, io: CliIo, given?: string): string {
  const envFile = path.join(project.root, '.env');
  const fromFile = existsSync(envFile) ? parseEnv(readFileSync(envFile, 'utf8')).DATABASE_URL : undefined;
  const url = given ?? io.env.DATABASE_URL ?? fromFile ?? 'pglite://./.tenon/data';
  // Embedded databases in a folder or file: relative to the app, wherever the command runs.
  const local = /^(pglite|sqlite):\/\/(\.\.?\/.*)$/.exec(url);
  return local ? `${local[1]}://${path.resolve(project.root, local[2]!)}` : url;
}

/** The compiled twin of a source path under `src/` (or of the migrations folder outside it). */
function compiledMigrations(project: Project, source: string, out: string): string {
  const src = path.join(project.root, 'src');
  const relative = path.relative(src, source);
  if (!relative.startsWith('..') && !path.isAbsolute(relative)) return path.join(out, 'src', relative);
  const target = path.join(out, 'migrations');
  compileTree(source, target, { esm: false, markType: true });
  return target;
}

/** Loads every compiled migration once, so that a file that throws on load is named. */
function checkMigrations(compiled: string, source: string, project: Project): void {
  const appRequire = createRequire(path.join(project.root, 'package.json'));
  for (const file of readdirSync(compiled)
    .filter((f) => f.endsWith('.js'))
    .sort()) {
    const sourceFile = path.relative(project.root, path.join(source, file.replace(/\.js$/, '.ts')));
    let loaded: { up?: unknown };
    try {
      loaded = appRequire(path.join(compiled, file)) as { up?: unknown };
    } catch (error) {
      throw new CliError(
        CliErrorCode.MIGRATION_FAILED,
        `${sourceFile} fails to load: ${(error as Error).message}`,
        { cause: error },
      );
    }
    if (typeof loaded.up !== 'function')
      throw new CliError(
        CliErrorCode.MIGRATION_FAILED,
        `${sourceFile} exports no up(db) function: a migration exports async function up(db) and optionally down(db).`,
      );
  }
}

/** Every exported entity class of the compiled `*.entity.js` files. */
function entitiesOf(data: DataApi, dir: string, root: string): Function[] {
  // Through the app's require: the entities must register in the app's @tenon/data, the one `data` is.
  const appRequire = createRequire(path.join(root, 'package.json'));
  const found: Function[] = [];
  const walk = (folder: string): void => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.entity.js')) {
        for (const value of Object.values(appRequire(full) as object))
          if (data.isEntity(value)) found.push(value);
      }
    }
  };
  walk(dir);
  return found;
}

/**
 * `tenon migrate <action>`: compiles the app's TypeScript (swc, no type check) into
 * `.tenon/cli-build`, then runs `@tenon/data`'s Migrations, or writes a migration for the
 * difference between the entities and the database (none when there is no difference).
 */
export async function migrate(
  project: Project,
  action: MigrateAction,
  name: string | undefined,
  options: MigrateOptions,
  io: CliIo,
): Promise<number> {
  const source = path.resolve(project.root, options.migrations ?? 'src/migrations');
  const displaySource = path.relative(project.root, source);
  const url = databaseUrl(project, io, options.url);
  const data = loadDataApi(project.root);
  data.parseDatabaseUrl(url);
  if (options.dryRun) {
    io.out(
      `would compile src/ into ${MIGRATE_BUILD_DIR} and ${action === 'generate' ? `write ${displaySource}/<time>_${name}.ts for the difference between the entities and` : `migrate ${action}`} ${url.replace(/\/\/[^@/]*@/, '//***@')}`,
    );
    return 0;
  }
  const hasMigrations = existsSync(source) && readdirSync(source).some((f) => f.endsWith('.ts'));
  if (action !== 'generate' && !hasMigrations) {
    io.out(
      `No migrations in ${displaySource}: ${action === 'status' ? 'nothing to list' : `nothing to ${action === 'up' ? 'apply' : 'revert'}`}. Write one with: tenon migrate generate init`,
    );
    return 0;
  }
  // A new folder per run: a process that runs several commands (tests, tools) must not be handed
  // the modules an earlier run loaded from the same paths.
  rmSync(path.join(project.root, MIGRATE_BUILD_DIR), { recursive: true, force: true });
  const out = path.join(project.root, MIGRATE_BUILD_DIR, `${process.pid}-${++runs}`);
  const ms = compileTree(path.join(project.root, 'src'), path.join(out, 'src'), {
    esm: false,
    clean: true,
    markType: true,
  });
  const compiled = hasMigrations ? compiledMigrations(project, source, out) : undefined;
  if (compiled) checkMigrations(compiled, source, project);
  const database = await data.Database.connect({ url });
  try {
    const migrations = compiled ? new data.Migrations(database, compiled) : undefined;
    const named = (error: unknown): unknown => {
      const failed = /^Migration "([^"]+)"/.exec((error as Error).message ?? '')?.[1];
      if (failed && (error as { code?: string }).code === 'TENON_DATA_MIGRATION_FAILED')
        return new CliError(
          CliErrorCode.MIGRATION_FAILED,
          `${path.join(displaySource, `${failed}.ts`)}: ${(error as Error).message}`,
          { cause: error },
        );
      return error;
    };
    switch (action) {
      case 'up': {
        const applied = await migrations!.up().catch((e: unknown) => Promise.reject(named(e)));
        io.out(applied.length === 0 ? 'Already up to date.' : applied.map((n) => `applied ${n}`).join('\n'));
        return 0;
      }
      case 'down': {
        const reverted = await migrations!.down().catch((e: unknown) => Promise.reject(named(e)));
        io.out(
          reverted.length === 0 ? 'No migration to revert.' : reverted.map((n) => `reverted ${n}`).join('\n'),
        );
        return 0;
      }
      case 'status': {
        for (const m of await migrations!.status())
          io.out(`${m.executedAt ? '[x]' : '[ ]'} ${m.name}  ${m.executedAt?.toISOString() ?? 'pending'}`);
        return 0;
      }
      case 'generate': {
        const pending = migrations ? (await migrations.status()).filter((m) => !m.executedAt) : [];
        if (pending.length > 0)
          throw new CliError(
            CliErrorCode.MIGRATIONS_PENDING,
            `${pending.length} migration${pending.length === 1 ? ' is' : 's are'} not applied (${pending.map((m) => m.name).join(', ')}), so the database does not show the schema they make and the new migration would repeat them. Run tenon migrate up first.`,
          );
        const entities = entitiesOf(data, path.join(out, 'src'), project.root);
        if (entities.length === 0)
          throw new CliError(
            CliErrorCode.NO_ENTITIES,
            `No entity found in src/: tenon migrate generate reads the @Entity classes exported from files named *.entity.ts.`,
          );
        const diff = await data.diffSchema(database, entities);
        const changes = data.describeDiff(diff);
        if (changes.length === 0) {
          io.out(
            `No changes: the database matches the ${entities.length} entit${entities.length === 1 ? 'y' : 'ies'}; no migration written.`,
          );
          return 0;
        }
        const file = data.writeMigration(
          source,
          name!,
          data.migrationSource(diff, database.capabilities.dialect, 'ts'),
          'ts',
        );
        io.out(`wrote ${path.relative(project.root, file)} (compiled in ${Math.round(ms)} ms)`);
        for (const change of changes) io.out(`  - ${change}`);
        return 0;
      }
    }
  } finally {
    await database.close();
  }
}
