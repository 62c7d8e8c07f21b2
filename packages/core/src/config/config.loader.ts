import { resolve } from 'node:path';
import type { ClassConstructor } from 'class-transformer';
import type { ValidationError } from 'class-validator';
import { classTransformer, classValidator } from '../loading/lazy-modules';
import type { ConfigModuleOptions } from './config-options';
import { displayPath } from './display-path';
import { describeSchema, type ScalarField, type SchemaNode } from './config-schema';
import { readEnvFile } from './env-file.loader';
import { InvalidConfigError, type ConfigViolation } from './invalid-config.error';
import { attachRedaction, REDACTED } from './redact';
import { convertValue } from './value-conversion';

/** One place variables come from. */
interface Source {
  kind: 'environment' | 'env-file';
  file?: string;
  values: Readonly<Record<string, string | undefined>>;
}

/** An env file considered for loading, whether or not it exists. */
interface EnvFile {
  path: string;
  found: boolean;
}

/** The raw text of one variable and where it came from. */
interface Found {
  variable: string;
  raw: string;
  source: Source;
}

/**
 * Reads the env files and the environment, binds them onto the schema, converts and validates,
 * and returns the schema instance (with its nested groups). This is what `ConfigModule` runs at
 * boot; call it directly when you need configuration before the application starts.
 *
 * Precedence, lowest first: `.env`, `.env.<profile>` for each profile in order, the environment.
 * An empty value counts as not set, so a default applies and a required property fails.
 *
 * @throws InvalidConfigError listing every violation (secrets redacted).
 * @throws ConfigFileUnreadableError, ConfigFileMalformedError, InvalidConfigSchemaError.
 *
 * @example
 * const config = loadConfig({ schema: AppConfig, profiles: ['production'] });
 * await app.listen({ port: config.port });
 */
export function loadConfig<T extends object>(options: ConfigModuleOptions<T>): T {
  const schema = describeSchema(options.schema);
  const env = options.env ?? process.env;
  const files =
    options.ignoreEnvFile === true
      ? []
      : envFiles(options.envFilePath, resolveProfiles(options.profiles, env));
  const sources: Source[] = [{ kind: 'environment', values: env }];
  const considered: EnvFile[] = [];
  for (const path of files) {
    const values = readEnvFile(path);
    considered.push({ path, found: values !== undefined });
    // Later files win, so they are searched first, right after the environment.
    if (values !== undefined) sources.splice(1, 0, { kind: 'env-file', file: path, values });
  }
  const violations: ConfigViolation[] = [];
  const config = bindNode(schema, sources, violations);
  if (violations.length > 0) {
    throw new InvalidConfigError(
      options.schema.name,
      violations,
      fixHint(options.ignoreEnvFile === true, considered),
    );
  }
  return config as T;
}

/** `profiles`, else the comma-separated `TENON_PROFILES`, else `NODE_ENV`. */
export function resolveProfiles(
  profiles: readonly string[] | undefined,
  env: Readonly<Record<string, string | undefined>>,
): string[] {
  const listed = profiles ?? (env['TENON_PROFILES'] ?? env['NODE_ENV'] ?? '').split(',');
  return listed.map((profile) => profile.trim()).filter((profile) => profile !== '');
}

/** Every env file to try, lowest precedence first: the base files, then each profile's. */
export function envFiles(
  envFilePath: string | readonly string[] | undefined,
  profiles: readonly string[],
): string[] {
  const bases = (typeof envFilePath === 'string' ? [envFilePath] : (envFilePath ?? ['.env'])).map((path) =>
    resolve(path),
  );
  return [...bases, ...profiles.flatMap((profile) => bases.map((base) => `${base}.${profile}`))];
}

function bindNode(node: SchemaNode, sources: readonly Source[], violations: ConfigViolation[]): object {
  const plain: Record<string, unknown> = {};
  const found = new Map<string, Found>();
  const unconverted = new Map<string, string>();
  for (const field of node.fields) {
    if (field.kind !== 'scalar') continue;
    const hit = lookup(field, sources);
    if (hit === undefined) continue;
    found.set(field.key, hit);
    const conversion = convertValue(hit.raw, field.designType);
    if (conversion.ok) plain[field.key] = conversion.value;
    else unconverted.set(field.key, conversion.expected);
  }
  // Schema classes are built without arguments (checked by describeSchema).
  const instance = classTransformer().plainToInstance(
    node.type as unknown as ClassConstructor<object>,
    plain,
    {
      enableImplicitConversion: true,
      exposeDefaultValues: true,
    },
  ) as unknown as Record<string, unknown>;
  // Validators then see the text that could not be converted, and the error shows it as written.
  for (const key of unconverted.keys()) instance[key] = found.get(key)!.raw;

  // Nested groups are bound and validated on their own, with their own prefix, so the parent's
  // `@ValidateNested()` (if any) would only repeat their violations.
  const nestedKeys = new Set<string>();
  const nestedViolations: ConfigViolation[] = [];
  for (const field of node.fields) {
    if (field.kind !== 'nested') continue;
    nestedKeys.add(field.key);
    instance[field.key] = bindNode(field.node, sources, nestedViolations);
  }

  const errors = new Map<string, ValidationError>();
  for (const error of classValidator().validateSync(instance, { forbidUnknownValues: false })) {
    if (!nestedKeys.has(error.property)) errors.set(error.property, error);
  }
  for (const field of node.fields) {
    if (field.kind !== 'scalar') continue;
    const error = errors.get(field.key);
    const constraints = { ...collectConstraints(error) };
    const expected = unconverted.get(field.key);
    if (expected !== undefined && Object.keys(constraints).length === 0) constraints['conversion'] = expected;
    if (Object.keys(constraints).length === 0) continue;
    violations.push(violation(field, constraints, found.get(field.key), instance[field.key]));
  }
  violations.push(...nestedViolations);
  attachRedaction(instance);
  return instance;
}

/** The first source (highest precedence) that sets any of the field's names to a non-empty value. */
function lookup(field: ScalarField, sources: readonly Source[]): Found | undefined {
  for (const source of sources) {
    for (const variable of field.variables) {
      const raw = source.values[variable];
      if (raw !== undefined && raw !== '') return { variable, raw, source };
    }
  }
  return undefined;
}

/** Constraint messages of a property, those of validated objects inside it included. */
function collectConstraints(error: ValidationError | undefined, path = ''): Record<string, string> {
  if (error === undefined) return {};
  const constraints: Record<string, string> = {};
  // Decorators run bottom-up, so class-validator lists a property's rules last-written first;
  // reversed, they read in the order the schema declares them.
  for (const [name, message] of Object.entries(error.constraints ?? {}).reverse()) {
    // class-validator starts each message with the property name; the line already names it.
    const text = message.startsWith(`${error.property} `)
      ? message.slice(error.property.length + 1)
      : message;
    constraints[path === '' ? name : `${path}.${name}`] = path === '' ? text : `${path}: ${text}`;
  }
  for (const child of error.children ?? []) {
    Object.assign(
      constraints,
      collectConstraints(child, path === '' ? child.property : `${path}.${child.property}`),
    );
  }
  return constraints;
}

function violation(
  field: ScalarField,
  constraints: Record<string, string>,
  hit: Found | undefined,
  current: unknown,
): ConfigViolation {
  const hide = (value: unknown): unknown => (field.secret && value !== undefined ? REDACTED : value);
  if (hit === undefined) {
    return current === undefined
      ? {
          property: field.path,
          variable: field.variables[0]!,
          constraints,
          value: undefined,
          source: 'unset',
        }
      : {
          property: field.path,
          variable: field.variables[0]!,
          constraints,
          value: hide(current),
          source: 'default',
        };
  }
  const base = { property: field.path, variable: hit.variable, constraints, value: hide(hit.raw) };
  return hit.source.kind === 'env-file'
    ? { ...base, source: 'env-file', file: hit.source.file! }
    : { ...base, source: 'environment' };
}

function fixHint(ignoreEnvFile: boolean, files: readonly EnvFile[]): string {
  if (ignoreEnvFile)
    return 'set these variables in the environment (env files are not read: ignoreEnvFile is true).';
  const list = files.map((file) => `${displayPath(file.path)}${file.found ? '' : ' (not found)'}`).join(', ');
  return `set these variables in the environment or in an env file. Files read, lowest precedence first (the environment overrides them all): ${list}.`;
}
