import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import validatePackageName from 'validate-npm-package-name';
import type { CliIo } from '../cli-io';
import { CliError } from '../errors/cli.error';
import { CliErrorCode } from '../errors/errors';
import { writePlan, type PlannedFile } from '../generate/file-plan';
import { templateValues } from '../generate/generators';
import { namesOf } from '../generate/names';
import { outputName, renderFile, templateDir, templateFiles } from '../generate/template';
import { cliVersion } from '../package-root';
import { tenonPackageSpecs } from './tenon-packages';
import {
  APP_DEPENDENCIES,
  APP_DEV_DEPENDENCIES,
  APP_INSTALL_SCRIPTS,
  DATABASES,
  type DatabaseKind,
} from './versions';

/** Options of `tenon new` and `npm create tenon`. */
export interface NewProjectOptions {
  /** `"type": "module"` and `nodenext` resolution; default CommonJS. */
  readonly esm?: boolean;
  readonly db?: string;
  /** Skip `npm install` (tests, or to install later). */
  readonly skipInstall?: boolean;
  readonly dryRun?: boolean;
}

/** The resource every new app starts with. */
export const FIRST_RESOURCE = 'items';

const sorted = (record: Record<string, string>): Record<string, string> =>
  Object.fromEntries(Object.entries(record).sort(([a], [b]) => a.localeCompare(b)));

/** The new app's package.json. */
export function appPackageJson(
  name: string,
  options: { esm: boolean; db: DatabaseKind; packagesDir: string | undefined },
): object {
  const version = cliVersion();
  const runtime = tenonPackageSpecs(['core', 'http', 'data'], version, options.packagesDir);
  const tools = tenonPackageSpecs(['testing', 'cli'], version, options.packagesDir);
  const database: { driver: readonly [string, string] | undefined; installScript?: boolean } =
    DATABASES[options.db];
  const driver = database.driver;
  const scripts = [...APP_INSTALL_SCRIPTS, ...(driver && database.installScript ? [driver[0]] : [])];
  const local = options.packagesDir !== undefined && options.packagesDir !== '';
  return {
    name: path.basename(name),
    version: '0.1.0',
    private: true,
    ...(options.esm ? { type: 'module' } : {}),
    scripts: {
      build: 'tenon build',
      start: 'tenon start',
      'start:prod': 'node --enable-source-maps dist/main.js',
      dev: 'tenon dev',
      test: 'jest',
      typecheck: 'tsc --noEmit',
    },
    // The @tenon packages' own range (kysely, cookie and content-disposition need Node 22).
    engines: { node: '>=22.12' },
    dependencies: sorted({ ...runtime, ...APP_DEPENDENCIES, ...(driver ? { [driver[0]]: driver[1] } : {}) }),
    devDependencies: sorted({ ...tools, ...APP_DEV_DEPENDENCIES }),
    allowScripts: Object.fromEntries(scripts.sort().map((name) => [name, true])),
    // Local tarballs: the @tenon packages depend on each other; these make npm take the tarballs
    // for those inner dependencies too instead of looking for them in the registry.
    ...(local ? { overrides: { ...runtime, ...tools } } : {}),
  };
}

/** Every file of a new app. */
export function planProject(
  name: string,
  options: { esm: boolean; db: DatabaseKind; packagesDir: string | undefined },
): PlannedFile[] {
  const projectName = path.basename(name);
  const resource = namesOf(FIRST_RESOURCE);
  const database = DATABASES[options.db];
  const values = templateValues(resource, options.esm, {
    projectName,
    databaseUrl: database.url.replace('{{dbName}}', projectName.replace(/[^a-zA-Z0-9_]/g, '_')),
    databaseLabel: database.label,
    tsModule: options.esm ? 'nodenext' : 'node16',
  });
  const files: PlannedFile[] = [];
  for (const group of ['app', 'resource']) {
    const dir = templateDir(group);
    for (const relative of templateFiles(dir)) {
      let target = outputName(relative, values);
      // The jest config is CommonJS: `.cjs` where the package is ES modules.
      if (target === 'jest.config') target = options.esm ? 'jest.config.cjs' : 'jest.config.js';
      files.push({ path: target, content: renderFile(dir, relative, values) });
    }
  }
  files.push({ path: 'src/migrations/.gitkeep', content: '' });
  files.push({
    path: 'package.json',
    content: `${JSON.stringify(appPackageJson(name, options), null, 2)}\n`,
  });
  return files.sort((a, b) => a.path.localeCompare(b.path));
}

/** `tenon new NAME`: writes the app, then runs `npm install` in it unless told not to. */
export function newProject(name: string | undefined, options: NewProjectOptions, io: CliIo): number {
  if (name === undefined || name === '')
    throw new CliError(CliErrorCode.INVALID_OPTION, 'tenon new needs the name of the app: tenon new my-app');
  const projectName = path.basename(name);
  const validity = validatePackageName(projectName);
  if (!validity.validForNewPackages)
    throw new CliError(
      CliErrorCode.INVALID_NAME,
      `"${projectName}" cannot name an npm package: ${[...(validity.errors ?? []), ...(validity.warnings ?? [])].join('; ')}. Use a name such as my-app.`,
    );
  const db = options.db ?? 'pglite';
  if (!(db in DATABASES))
    throw new CliError(
      CliErrorCode.INVALID_OPTION,
      `--db ${db} is not a database tenon new knows: use one of ${Object.keys(DATABASES).join(', ')}.`,
    );
  const root = path.resolve(io.cwd, name);
  if (existsSync(root) && readdirSync(root).length > 0)
    throw new CliError(
      CliErrorCode.DIRECTORY_NOT_EMPTY,
      `${root} exists and is not empty; tenon new writes into a new or empty folder. Choose another name or remove the folder.`,
    );
  const files = planProject(name, {
    esm: options.esm === true,
    db: db as DatabaseKind,
    packagesDir: io.env.TENON_PACKAGES_DIR,
  });
  if (options.dryRun) {
    for (const file of files) io.out(`would write ${path.join(name, file.path)}`);
    if (!options.skipInstall) io.out(`would run npm install in ${root}`);
    return 0;
  }
  writePlan(root, files, false);
  io.out(
    `Created ${projectName} in ${root} (${options.esm ? 'ES modules' : 'CommonJS'}, ${DATABASES[db as DatabaseKind].label}).`,
  );
  if (!options.skipInstall) {
    io.out('Running npm install…');
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    const result = spawnSync(npm, ['install'], { cwd: root, stdio: 'inherit', env: io.env });
    if (result.status !== 0)
      throw new CliError(
        CliErrorCode.PROCESS_FAILED,
        `npm install failed in ${root} (exit ${result.status ?? result.signal}). The files are written: fix the cause above, then run npm install there.`,
      );
  }
  io.out('');
  io.out('Next:');
  io.out(`  cd ${name}`);
  if (options.skipInstall) io.out('  npm install');
  io.out('  npm test          # unit and e2e tests');
  io.out('  npm run dev       # http://127.0.0.1:3000/items, restarts on every change');
  return 0;
}
