import { existsSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { CliIo } from '../cli-io';
import { CliError } from '../errors/cli.error';
import { CliErrorCode } from '../errors/errors';
import type { Project } from '../project/project';
import { writePlan } from './file-plan';
import { planGenerator, readModule, type GeneratorKind } from './generators';
import { registerInModule } from './module-editor';

export interface GenerateOptions {
  readonly force?: boolean;
  readonly dryRun?: boolean;
  /** The module file to register in, relative to the current folder. */
  readonly module?: string;
}

/**
 * Writes a generator's files and registers its class: every check (names, existing files, the
 * module edit) runs before anything is written, so a refused run changes nothing.
 */
export function generate(
  project: Project,
  kind: GeneratorKind,
  name: string,
  options: GenerateOptions,
  io: CliIo,
): number {
  const moduleFile =
    options.module === undefined
      ? undefined
      : path.relative(project.root, path.resolve(io.cwd, options.module)).split(path.sep).join('/');
  const plan = planGenerator({ kind, name, root: project.root, esm: project.esm, moduleFile });
  let moduleEdit: { file: string; text: string | undefined } | undefined;
  if (plan.registration) {
    const { moduleFile: file, registration } = plan.registration;
    const source = readModule(project.root, file);
    if (source === undefined)
      throw new CliError(
        CliErrorCode.MODULE_NOT_EDITABLE,
        `${file} does not exist, so ${registration.name} could not be registered. Pass --module with the module file to register it in.`,
      );
    moduleEdit = { file, text: registerInModule(source, file, registration) };
  }
  const existing = plan.files.filter((f) => existsSync(path.join(project.root, f.path)));
  if (options.dryRun) {
    for (const file of plan.files)
      io.out(
        `${existing.includes(file) ? (options.force ? 'would overwrite' : 'exists, refused') : 'would write'} ${file.path}`,
      );
    if (moduleEdit && plan.registration)
      io.out(
        moduleEdit.text === undefined
          ? `${plan.registration.registration.name} is registered in ${moduleEdit.file} already`
          : `would register ${plan.registration.registration.name} in ${moduleEdit.file} (${plan.registration.registration.property})`,
      );
    return existing.length > 0 && !options.force ? 1 : 0;
  }
  writePlan(project.root, plan.files, options.force === true);
  for (const file of plan.files) io.out(`${existing.includes(file) ? 'overwrote' : 'created'} ${file.path}`);
  if (moduleEdit && plan.registration) {
    if (moduleEdit.text === undefined)
      io.out(`${plan.registration.registration.name} is registered in ${moduleEdit.file} already`);
    else {
      writeFileSync(path.join(project.root, moduleEdit.file), moduleEdit.text);
      io.out(
        `updated ${moduleEdit.file} (${plan.registration.registration.property}: ${plan.registration.registration.name})`,
      );
    }
  }
  return 0;
}
