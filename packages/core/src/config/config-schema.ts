import { classValidator } from '../loading/lazy-modules';
import { DESIGN_TYPE } from '../metadata/metadata-keys';
import type { Type } from '../metadata/type';
import { getConfigPrefix } from './config-properties.decorator';
import { joinEnvName, toEnvName } from './env-name';
import { InvalidConfigSchemaError } from './invalid-config-schema.error';
import { getSecretProperties, isSecretProperty } from './secret.decorator';

/** A property bound from one variable. */
export interface ScalarField {
  kind: 'scalar';
  key: string;
  /** Dotted path from the schema root, e.g. `db.port`. */
  path: string;
  /** Names looked up, best first: `DB_PORT`, then the exact `DB_port`. */
  variables: readonly string[];
  /** `design:type` of the property, when the compiler emitted it. */
  designType: unknown;
  secret: boolean;
}

/** A property holding a nested `@ConfigProperties` group. */
export interface NestedField {
  kind: 'nested';
  key: string;
  path: string;
  node: SchemaNode;
}

/** One schema class and how each of its properties is bound. */
export interface SchemaNode {
  type: Type<object>;
  /** Dotted path of this group from the root (`''` for the root). */
  path: string;
  /** Environment prefix of this group (`''` when none), e.g. `DB_POOL`. */
  envPrefix: string;
  fields: readonly (ScalarField | NestedField)[];
}

/**
 * Reads a schema class and its nested groups into a tree the loader walks. Every problem here
 * is a programming mistake, so it throws `InvalidConfigSchemaError` with the fix.
 */
export function describeSchema(schema: Type<object>): SchemaNode {
  if (typeof schema !== 'function') {
    throw new InvalidConfigSchemaError(
      `the schema is ${schema === undefined ? 'undefined' : typeof schema}, not a class.`,
      'pass the configuration class itself: ConfigModule.forRoot({ schema: AppConfig }). If it is undefined, a circular file import is the usual cause.',
    );
  }
  const owners = new Map<Function, string>();
  return describeNode(schema, '', toEnvName(getConfigPrefix(schema) ?? ''), [schema], owners);
}

/** Every nested group of the tree, depth first (the root excluded). */
export function nestedNodes(node: SchemaNode): SchemaNode[] {
  return node.fields.flatMap((field) =>
    field.kind === 'nested' ? [field.node, ...nestedNodes(field.node)] : [],
  );
}

function describeNode(
  type: Type<object>,
  path: string,
  envPrefix: string,
  ancestors: readonly Function[],
  owners: Map<Function, string>,
): SchemaNode {
  const { keys, sample } = propertyKeys(type);
  if (keys.length === 0) {
    throw new InvalidConfigSchemaError(
      `${type.name} declares no property Tenon can see. A property is seen when it has a class-validator decorator (such as @IsString()) or a default value; TypeScript emits nothing for a bare \`name!: string\`.`,
      `decorate each property of ${type.name}, e.g. \`@IsString() databaseUrl!: string;\`, or give it a default.`,
    );
  }
  const fields = keys.map((key): ScalarField | NestedField => {
    const fieldPath = path === '' ? key : `${path}.${key}`;
    // tsc emits design:type Object for an inferred type (`port = 3000`) and nothing without a
    // decorator; the default value then tells the type.
    const declared: unknown = Reflect.getMetadata(DESIGN_TYPE, type.prototype as object, key);
    const designType =
      declared === undefined || declared === Object ? (defaultValueType(sample[key]) ?? declared) : declared;
    const nestedPrefix = getConfigPrefix(designType);
    if (nestedPrefix === undefined) {
      const exact = joinEnvName(envPrefix, key);
      const canonical = joinEnvName(envPrefix, toEnvName(key));
      return {
        kind: 'scalar',
        key,
        path: fieldPath,
        variables: canonical === exact ? [canonical] : [canonical, exact],
        designType,
        secret: isSecretProperty(type, key),
      };
    }
    const nestedType = designType as Type<object>;
    if (ancestors.includes(nestedType)) {
      const cycle = [...ancestors, nestedType].map((t) => t.name).join(' -> ');
      throw new InvalidConfigSchemaError(
        `${type.name}.${key} nests ${nestedType.name} inside itself (${cycle}), so binding would never end.`,
        `remove the back-reference from the @ConfigProperties classes.`,
      );
    }
    const owner = owners.get(nestedType);
    if (owner !== undefined) {
      throw new InvalidConfigSchemaError(
        `${nestedType.name} is used by both ${owner} and ${type.name}.${key}. Each @ConfigProperties class is injectable by its type, so it may appear once in a schema.`,
        `give the second use its own class, e.g. \`@ConfigProperties('replica') class ReplicaConfig extends ${nestedType.name} {}\`.`,
      );
    }
    owners.set(nestedType, `${type.name}.${key}`);
    const node = describeNode(
      nestedType,
      fieldPath,
      joinEnvName(envPrefix, toEnvName(getConfigPrefix(nestedType) ?? '')),
      [...ancestors, nestedType],
      owners,
    );
    return { kind: 'nested', key, path: fieldPath, node };
  });
  return { type, path, envPrefix, fields };
}

/**
 * Properties in declaration order as far as it can be seen: fields with a default value (from an
 * instance), then decorated fields (class-validator records them in decoration order).
 */
function propertyKeys(type: Type<object>): { keys: string[]; sample: Record<string, unknown> } {
  const keys = new Set<string>();
  let instance: object;
  try {
    instance = new type();
  } catch (error) {
    throw new InvalidConfigSchemaError(
      `the constructor of ${type.name} threw: ${error instanceof Error ? error.message : String(error)}.`,
      `configuration classes are built with \`new ${type.name}()\`: give them a constructor without required arguments.`,
      error,
    );
  }
  for (const [key, value] of Object.entries(instance)) if (typeof value !== 'function') keys.add(key);
  for (const metadata of classValidator()
    .getMetadataStorage()
    .getTargetValidationMetadatas(type, '', false, false)) {
    keys.add(metadata.propertyName);
  }
  for (const key of getSecretProperties(type)) keys.add(key);
  return { keys: [...keys], sample: instance as Record<string, unknown> };
}

function defaultValueType(value: unknown): unknown {
  return value === null || value === undefined ? undefined : (value as { constructor: unknown }).constructor;
}
