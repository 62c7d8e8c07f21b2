import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { PlannedFile } from './file-plan';
import type { Registration } from './module-editor';
import { namesOf, type Names } from './names';
import { outputName, renderFile, templateDir, templateFiles, type TemplateValues } from './template';

/** What `tenon generate` can write. */
export const GENERATOR_KINDS = [
  'resource',
  'module',
  'controller',
  'service',
  'repository',
  'entity',
  'guard',
  'interceptor',
  'filter',
  'pipe',
] as const;

export type GeneratorKind = (typeof GENERATOR_KINDS)[number];

/** The files of one generator and where its class is registered. */
export interface GeneratorPlan {
  readonly files: PlannedFile[];
  /** The module file (relative to the project) and what to add to it; none for entities. */
  readonly registration?: { readonly moduleFile: string; readonly registration: Registration };
}

export interface GeneratorInput {
  readonly kind: GeneratorKind;
  readonly name: string;
  /** The project folder. */
  readonly root: string;
  /** ES modules: relative imports end with `.js`. */
  readonly esm: boolean;
  /** The module to register in, relative to the project; default: the feature's module, else AppModule. */
  readonly moduleFile?: string;
}

export const APP_MODULE_FILE = 'src/app.module.ts';

export function templateValues(names: Names, esm: boolean, extra: TemplateValues = {}): TemplateValues {
  return { ...names, ext: esm ? '.js' : '', ...extra };
}

/** The files of a template folder (or some of its files), rendered. */
function fromTemplates(
  group: string,
  values: TemplateValues,
  only?: (relative: string) => boolean,
): PlannedFile[] {
  const dir = templateDir(group);
  return templateFiles(dir)
    .filter((relative) => only?.(relative) ?? true)
    .map((relative) => ({ path: outputName(relative, values), content: renderFile(dir, relative, values) }));
}

/** A single part (`service`, `guard`…) and its test. */
function part(kind: string, names: Names, values: TemplateValues): PlannedFile[] {
  const dir = templateDir('parts');
  return [
    {
      path: `src/${names.folder}/${names.file}.${kind}.ts`,
      content: renderFile(dir, `${kind}.ts.tpl`, values),
    },
    {
      path: `test/${names.folder}/${names.file}.${kind}.spec.ts`,
      content: renderFile(dir, `${kind}.spec.ts.tpl`, values),
    },
  ];
}

/** The import path of `target` (a project-relative `.ts` file) as written in `moduleFile`. */
export function importPath(moduleFile: string, target: string, esm: boolean): string {
  let relative = path.posix.relative(path.posix.dirname(moduleFile), target.replace(/\.ts$/, ''));
  if (!relative.startsWith('.')) relative = `./${relative}`;
  return esm ? `${relative}.js` : relative;
}

/** The files a generator writes and the module it registers its class in. */
export function planGenerator(input: GeneratorInput): GeneratorPlan {
  const names = namesOf(input.name);
  const values = templateValues(names, input.esm);
  const featureModule = `src/${names.folder}/${names.file}.module.ts`;
  const targetModule =
    input.moduleFile ?? (existsSync(path.join(input.root, featureModule)) ? featureModule : APP_MODULE_FILE);
  const register = (
    property: Registration['property'],
    name: string,
    file: string,
    moduleFile = targetModule,
    forFeature = false,
  ): GeneratorPlan['registration'] => ({
    moduleFile,
    registration: { property, name, from: importPath(moduleFile, file, input.esm), forFeature },
  });
  const entityFile = `src/${names.folder}/${names.file}.entity.ts`;
  switch (input.kind) {
    case 'resource':
      return {
        files: fromTemplates('resource', values),
        registration: register(
          'imports',
          `${names.Name}Module`,
          featureModule,
          input.moduleFile ?? APP_MODULE_FILE,
        ),
      };
    case 'module':
      return {
        files: part('module', names, values),
        registration: register(
          'imports',
          `${names.Name}Module`,
          featureModule,
          input.moduleFile ?? APP_MODULE_FILE,
        ),
      };
    case 'controller':
      return {
        files: part('controller', names, values),
        registration: register(
          'controllers',
          `${names.Name}Controller`,
          `src/${names.folder}/${names.file}.controller.ts`,
        ),
      };
    case 'service':
    case 'guard':
    case 'interceptor':
    case 'filter':
    case 'pipe': {
      const suffix = input.kind[0]!.toUpperCase() + input.kind.slice(1);
      return {
        files: part(input.kind, names, values),
        registration: register(
          'providers',
          `${names.Name}${suffix}`,
          `src/${names.folder}/${names.file}.${input.kind}.ts`,
        ),
      };
    }
    case 'entity':
      return {
        files: [
          ...fromTemplates('resource', values, (f) => f.endsWith('.entity.ts.tpl')),
          {
            path: `test/${names.folder}/${names.file}.entity.spec.ts`,
            content: renderFile(templateDir('parts'), 'entity.spec.ts.tpl', values),
          },
        ],
      };
    case 'repository': {
      // A repository needs its entity: written too unless it exists.
      const withEntity = !existsSync(path.join(input.root, entityFile));
      return {
        files: [
          ...fromTemplates(
            'resource',
            values,
            (f) => f.endsWith('.repository.ts.tpl') || (withEntity && f.endsWith('.entity.ts.tpl')),
          ),
          {
            path: `test/${names.folder}/${names.file}.repository.spec.ts`,
            content: renderFile(templateDir('parts'), 'repository.spec.ts.tpl', values),
          },
        ],
        registration: register(
          'imports',
          `${names.Name}Repository`,
          `src/${names.folder}/${names.file}.repository.ts`,
          targetModule,
          true,
        ),
      };
    }
  }
}

/** Reads a module file for registration; undefined when it does not exist. */
export function readModule(root: string, moduleFile: string): string | undefined {
  const file = path.join(root, moduleFile);
  return existsSync(file) ? readFileSync(file, 'utf8') : undefined;
}
