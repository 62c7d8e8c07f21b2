import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';
import { cliVersion } from '../package-root';
import { findProject } from '../project/project';
import type { TenonCommand } from './tenon-command';

/** The width of the label column. */
const W = 17;

/** One line of `tenon info`'s checks. */
export interface InfoCheck {
  ok: boolean;
  text: string;
  /** What to change when the check fails. */
  fix?: string;
}

function installedTenonPackages(root: string): Array<[string, string]> {
  const scope = path.join(root, 'node_modules', '@tenon');
  if (!existsSync(scope)) return [];
  return readdirSync(scope)
    .filter((name) => existsSync(path.join(scope, name, 'package.json')))
    .map((name) => {
      const pkg = JSON.parse(readFileSync(path.join(scope, name, 'package.json'), 'utf8')) as {
        version: string;
      };
      return [`@tenon/${name}`, pkg.version];
    });
}

/** The compiler options in effect for the app's tsconfig.json (`extends` followed). */
function compilerOptions(root: string): ts.CompilerOptions | string {
  const file = path.join(root, 'tsconfig.json');
  if (!existsSync(file)) return 'no tsconfig.json';
  const read = ts.readConfigFile(file, (f) => ts.sys.readFile(f));
  if (read.error) return ts.flattenDiagnosticMessageText(read.error.messageText, '\n');
  return ts.parseJsonConfigFileContent(read.config, ts.sys, root, undefined, file).options;
}

/** The checks `tenon info` prints for the app at `root`. */
export function projectChecks(root: string): InfoCheck[] {
  const checks: InfoCheck[] = [];
  const options = compilerOptions(root);
  if (typeof options === 'string') {
    checks.push({
      ok: false,
      text: `tsconfig.json: ${options}`,
      fix: 'create one: tenon new writes a working tsconfig.json',
    });
  } else {
    for (const flag of ['experimentalDecorators', 'emitDecoratorMetadata'] as const)
      checks.push({
        ok: options[flag] === true,
        text: `tsconfig.json: ${flag}`,
        fix: `set "${flag}": true in compilerOptions (dependency injection by type reads the decorator metadata)`,
      });
  }
  const main = path.join(root, 'src', 'main.ts');
  if (existsSync(main)) {
    const first = ts.preProcessFile(readFileSync(main, 'utf8'), true, false).importedFiles[0]?.fileName;
    checks.push({
      ok: first === 'reflect-metadata',
      text: 'src/main.ts imports reflect-metadata first',
      fix: "put import 'reflect-metadata'; as the first line of src/main.ts",
    });
  }
  return checks;
}

/** `tenon info`: versions of the CLI, Node and the app's @tenon/* packages, and config checks. */
export const infoCommand: TenonCommand = {
  register(program, { io, action }) {
    program
      .command('info')
      .description('print versions (CLI, Node, @tenon/* in the app) and check the app configuration')
      .action(
        action(() => {
          io.out(`${'@tenon/cli'.padEnd(W)}${cliVersion()}`);
          io.out(`${'Node'.padEnd(W)}${process.version}`);
          io.out(`${'TypeScript'.padEnd(W)}${ts.version} (used by the CLI)`);
          const project = findProject(io.cwd);
          if (!project) {
            io.out(`No app here: ${io.cwd} has no package.json at or above it.`);
            return 0;
          }
          io.out(
            `${'App'.padEnd(W)}${project.packageJson.name ?? '(no name)'} at ${project.root}${project.esm ? ' (ES modules)' : ' (CommonJS)'}`,
          );
          const packages = installedTenonPackages(project.root);
          if (packages.length === 0) io.out(`${'@tenon/*'.padEnd(W)}none installed (run npm install)`);
          for (const [name, version] of packages) io.out(`${name.padEnd(W)}${version}`);
          let failed = 0;
          for (const check of projectChecks(project.root)) {
            io.out(`${check.ok ? 'ok  ' : 'FAIL'} ${check.text}${check.ok ? '' : `: ${check.fix}`}`);
            if (!check.ok) failed++;
          }
          return failed === 0 ? 0 : 1;
        }),
      );
  },
};
