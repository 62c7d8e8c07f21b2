import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { CliError } from '../errors/cli.error';
import { CliErrorCode } from '../errors/errors';

/** The parts of an app's package.json the commands read. */
export interface PackageJson {
  name?: string;
  version?: string;
  type?: string;
  main?: string;
  engines?: { node?: string };
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
}

/** A Tenon app on disk: the folder with its package.json. */
export interface Project {
  readonly root: string;
  readonly packageJson: PackageJson;
  /** `"type": "module"`: relative imports end with `.js`, output is ES modules. */
  readonly esm: boolean;
}

/** The nearest folder at or above `cwd` with a package.json, or undefined. */
export function findProject(cwd: string): Project | undefined {
  for (let dir = path.resolve(cwd); ; dir = path.dirname(dir)) {
    const file = path.join(dir, 'package.json');
    if (existsSync(file)) {
      const packageJson = JSON.parse(readFileSync(file, 'utf8')) as PackageJson;
      return { root: dir, packageJson, esm: packageJson.type === 'module' };
    }
    if (path.dirname(dir) === dir) return undefined;
  }
}

/** Like `findProject`, but a command that needs an app fails with a message saying so. */
export function requireProject(cwd: string, command: string): Project {
  const project = findProject(cwd);
  if (!project || !existsSync(path.join(project.root, 'tsconfig.json')))
    throw new CliError(
      CliErrorCode.NOT_A_PROJECT,
      `tenon ${command} runs inside a Tenon app, and ${cwd} is not in one (no package.json with a tsconfig.json beside it at or above it). ` +
        `Run it from the app's folder, or create an app first: tenon new my-app.`,
    );
  return project;
}
