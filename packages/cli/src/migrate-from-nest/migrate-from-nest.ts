import { statSync } from 'node:fs';
import * as path from 'node:path';
import { createTwoFilesPatch } from 'diff';
import { IndentationText, Project, QuoteKind } from 'ts-morph';
import { CliError } from '../errors/cli.error';
import { CliErrorCode } from '../errors/errors';
import { FileMigration, type FileChanges } from './file-migration';
import { rewriteCalls } from './rewrite-calls';
import { addReflectMetadataImport } from './reflect-metadata-import';
import { rewriteImports } from './rewrite-imports';

/** What `migrateFromNest()` is asked to do. */
export interface MigrateFromNestOptions {
  /** The folder of the Nest app (every `.ts` file below it, but node_modules and dist). */
  readonly dir: string;
  /** Compute the changes and the diff, write nothing. */
  readonly dryRun?: boolean;
  /**
   * Keep NestJS's error body: the applications created get `errorFormat: 'nest'` (default true),
   * so clients and tests that read `{ statusCode, message, error }` work unchanged.
   */
  readonly nestErrors?: boolean;
}

/** What `migrateFromNest()` did. */
export interface MigrationReport {
  /** The files it changed, with their changes and TODOs. */
  readonly files: FileChanges[];
  /** A unified diff of every changed file (paths relative to `dir`). */
  readonly diff: string;
  /** The Tenon packages the migrated code imports: the app's package.json needs them. */
  readonly packages: string[];
  /** How many `// TODO(tenon):` comments were written. */
  readonly todos: number;
}

/**
 * Rewrites a NestJS app in place to Tenon: imports from `@nestjs/*` move to `@tenon/*` (names
 * Tenon spells differently renamed at every use), `NestFactory.create()` and the testing
 * module's `createNestApplication()` become `HttpApplication.create()` and
 * `createHttpApplication()`, the `@nestjs/jwt` calls become `@tenon/security`'s; where a human
 * must decide, a `// TODO(tenon):` comment is left. Running it twice changes nothing the second
 * time.
 *
 * @example
 * const report = await migrateFromNest({ dir: 'apps/api', dryRun: true });
 * console.log(report.diff);
 */
export async function migrateFromNest(options: MigrateFromNestOptions): Promise<MigrationReport> {
  const dir = path.resolve(options.dir);
  if (!statSync(dir, { throwIfNoEntry: false })?.isDirectory())
    throw new CliError(
      CliErrorCode.PATH_NOT_FOUND,
      `${dir} is not a folder: tenon migrate-from-nest rewrites the .ts files below the folder of a Nest app. Pass that folder (the one holding src/), or run the command from it without a path.`,
    );
  const project = new Project({
    // Only import bindings are resolved (to the import that declares them): no module resolution,
    // no lib, so the codemod needs neither node_modules nor a tsconfig.json.
    compilerOptions: { noResolve: true, noLib: true, experimentalDecorators: true, allowJs: false },
    skipAddingFilesFromTsConfig: true,
    skipFileDependencyResolution: true,
    manipulationSettings: { quoteKind: QuoteKind.Single, indentationText: IndentationText.TwoSpaces },
  });
  project.addSourceFilesAtPaths([
    `${dir}/**/*.ts`,
    `!${dir}/**/node_modules/**`,
    `!${dir}/**/dist/**`,
    `!${dir}/**/*.d.ts`,
  ]);
  const files: FileChanges[] = [];
  const patches: string[] = [];
  const packages = new Set<string>();
  let todos = 0;
  for (const file of project.getSourceFiles()) {
    const before = file.getFullText();
    if (!/from ['"](@nestjs\/|express['"])/.test(before)) {
      collectTenonPackages(before, packages);
      continue;
    }
    const migration = new FileMigration(file, options.nestErrors ?? true);
    const bootsApplication = /\bNestFactory\b/.test(before);
    rewriteCalls(migration);
    rewriteImports(migration);
    addReflectMetadataImport(migration, bootsApplication);
    const written = migration.writeTodos();
    const after = file.getFullText();
    collectTenonPackages(after, packages);
    if (after === before) continue;
    const relative = path.relative(dir, file.getFilePath()).split(path.sep).join('/');
    files.push({ path: relative, changes: migration.changes, todos: written });
    todos += written.length;
    patches.push(
      createTwoFilesPatch(`a/${relative}`, `b/${relative}`, before, after, undefined, undefined, {
        context: 3,
      }),
    );
  }
  if (!options.dryRun) await project.save();
  files.sort((a, b) => a.path.localeCompare(b.path));
  return { files, diff: patches.join(''), packages: [...packages].sort(), todos };
}

function collectTenonPackages(text: string, into: Set<string>): void {
  for (const match of text.matchAll(/from ['"](@tenon\/[a-z-]+)['"]/g)) into.add(match[1]!);
}

/** The summary `tenon migrate-from-nest` prints: one block per file, then the totals. */
export function formatMigrationReport(report: MigrationReport, dryRun: boolean): string[] {
  const lines: string[] = [];
  for (const file of report.files) {
    lines.push(`${file.path}: ${file.changes.length} change(s), ${file.todos.length} TODO(s)`);
    for (const change of file.changes) lines.push(`  - ${change}`);
    for (const todo of file.todos) lines.push(`  TODO(tenon): ${todo}`);
  }
  if (report.files.length === 0) lines.push('Nothing to migrate: no file imports @nestjs/* any more.');
  else
    lines.push(
      `${dryRun ? 'Would change' : 'Changed'} ${report.files.length} file(s); ${report.todos} TODO(tenon) comment(s) left for you to decide.`,
    );
  if (report.packages.length > 0)
    lines.push(`The app imports ${report.packages.join(', ')}: add them to package.json.`);
  return lines;
}
