import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';
import { classValidator, transformerMetadata } from './class-libraries';
import { constraintSchema } from './constraint-schemas';
import { nestedType } from './dto-class';
import { mergeSchemas, nullable, type JsonSchema } from './json-schema';

/** Which validation a DTO schema stands for: the same knobs as `ValidationPipe`. */
export interface DtoSchemaOptions {
  groups?: string[];
  whitelist?: boolean;
  forbidNonWhitelisted?: boolean;
  skipMissingProperties?: boolean;
}

/**
 * A DTO compiled to JSON Schema. `validation` accepts only input class-validator accepts and
 * exists when every constraint has an exact equivalent; `document` always exists and describes
 * the DTO for OpenAPI. `reasons` says why a DTO is not exact.
 */
export interface CompiledDtoSchema {
  validation: JsonSchema | undefined;
  document: JsonSchema;
  reasons: string[];
}

interface Build {
  schema: JsonSchema;
  exact: boolean;
}

const CONDITIONAL = 'conditionalValidation';
const NESTED = 'nestedValidation';
const WHITELIST = 'whitelistValidation';
const CUSTOM = 'customValidation';
const IS_DEFINED = 'isDefined';
const CONVERTING_TYPES = new Set<Function>([String, Number, Boolean, Date, BigInt, Symbol]);

/**
 * Compiles a DTO class's class-validator metadata into JSON Schema, once, at boot. It reads
 * the metadata class-validator itself uses (`getMetadataStorage()`), with the same group
 * filter, so the schema and the validator see the same constraints.
 *
 * @example
 * const { validation, document } = compileDtoSchema(CreateTodoDto, { whitelist: true });
 */
export function compileDtoSchema(target: Function, options: DtoSchemaOptions = {}): CompiledDtoSchema {
  const reasons: string[] = [];
  const validation = build(target, options, 'validation', reasons, []);
  const document = build(target, options, 'document', [], []);
  return {
    validation: validation.exact && reasons.length === 0 ? validation.schema : undefined,
    document: document.schema,
    reasons,
  };
}

function build(
  target: Function,
  options: DtoSchemaOptions,
  mode: 'validation' | 'document',
  reasons: string[],
  stack: Function[],
): Build {
  const name = target.name || '<anonymous class>';
  if (stack.includes(target)) {
    reasons.push(`${name} refers to itself`);
    return { schema: { type: 'object' }, exact: false };
  }
  const metas = classValidator()
    .getMetadataStorage()
    .getTargetValidationMetadatas(target, '', false, false, options.groups);
  if (metas.length === 0) {
    // class-validator rejects instances of classes without constraints (forbidUnknownValues).
    reasons.push(`${name} has no validation constraints`);
    return { schema: { type: 'object' }, exact: false };
  }
  let exact = transformsNothing(target, name, reasons);
  const defaults = defaultValues(target, name, reasons);
  if (defaults === undefined) exact = false;
  const byProperty = classValidator().getMetadataStorage().groupByPropertyName(metas);
  const properties: Record<string, JsonSchema> = {};
  const required: string[] = [];
  for (const [property, list] of Object.entries(byProperty)) {
    const p = buildProperty(target, property, list, options, mode, reasons, [...stack, target]);
    if (!p.exact) exact = false;
    properties[property] = p.schema;
    if (p.required && !(defaults && property in defaults)) required.push(property);
  }
  const schema: JsonSchema = { type: 'object', properties };
  if (required.length > 0) schema.required = required;
  if (options.whitelist !== false && options.forbidNonWhitelisted) schema.additionalProperties = false;
  if (mode === 'document') schema.title = name;
  return { schema, exact };
}

function buildProperty(
  target: Function,
  property: string,
  metas: ValidationMetadata[],
  options: DtoSchemaOptions,
  mode: 'validation' | 'document',
  reasons: string[],
  stack: Function[],
): Build & { required: boolean } {
  const where = `${target.name}.${property}`;
  let exact = true;
  let optional = options.skipMissingProperties === true;
  let acceptsUndefined = true;
  const parts: JsonSchema[] = [];
  const eachParts: JsonSchema[] = [];
  const isArray = metas.some((m) => m.name === 'isArray' && !m.each);
  // @Type(() => Number) and the like convert the value before class-validator sees it.
  const converted = nestedType(target, property);
  if (converted !== undefined && CONVERTING_TYPES.has(converted)) {
    reasons.push(`${where} uses @Type(() => ${converted.name}), which converts the value before validation`);
    exact = false;
  }
  for (const meta of metas) {
    if (meta.type === CONDITIONAL) {
      if (meta.name === 'isOptional') optional = true;
      else {
        reasons.push(`${where} has a @ValidateIf condition`);
        exact = false;
      }
      continue;
    }
    if (meta.type === WHITELIST) continue;
    if (meta.type === NESTED) {
      const child = nestedType(target, property);
      if (!child) {
        reasons.push(`${where} has @ValidateNested without @Type(() => Class)`);
        exact = false;
        parts.push({ type: isArray ? 'array' : 'object' });
        continue;
      }
      const nested = build(child, options, mode, reasons, stack);
      if (!nested.exact) exact = false;
      parts.push(isArray ? { items: nested.schema } : nested.schema);
      continue;
    }
    if (meta.type !== CUSTOM && meta.type !== IS_DEFINED) {
      reasons.push(`${where} uses a ${meta.type} constraint`);
      exact = false;
      continue;
    }
    const c = constraintSchema(meta);
    if (c.exact === undefined) {
      reasons.push(`${where} uses @${constraintName(meta)} which has no exact JSON Schema equivalent`);
      exact = false;
    }
    if (!c.acceptsUndefined) acceptsUndefined = false;
    const piece = mode === 'validation' ? (c.exact ?? {}) : c.doc;
    if (meta.each) eachParts.push(piece);
    else parts.push(piece);
  }
  if (eachParts.length > 0) {
    const item = mergeSchemas(eachParts);
    // `each` validates array items, or the value itself when it is not an array.
    if (isArray || mode === 'document') parts.push({ type: 'array', items: item });
    else parts.push({ if: { type: 'array' }, then: { items: item }, else: item });
  }
  let schema = mergeSchemas(parts);
  if (optional) schema = nullable(schema);
  return { schema, exact, required: !optional && !acceptsUndefined };
}

// class-transformer changes values before class-validator sees them when these are present,
// so the raw JSON the schema checks would not be what class-validator checks.
function transformsNothing(target: Function, name: string, reasons: string[]): boolean {
  const storage = transformerMetadata() as unknown as {
    _transformMetadatas: Map<Function, Map<string, unknown[]>>;
    _exposeMetadatas: Map<Function, Map<string, unknown>>;
    _excludeMetadatas: Map<Function, Map<string, unknown>>;
  };
  for (const [kind, map] of [
    ['@Transform', storage._transformMetadatas],
    ['@Expose', storage._exposeMetadatas],
    ['@Exclude', storage._excludeMetadatas],
  ] as const) {
    for (
      let t: Function | null = target;
      t && t !== Object && t !== Function.prototype;
      t = Object.getPrototypeOf(t) as Function | null
    ) {
      if (map?.get(t)?.size) {
        reasons.push(`${name} uses ${kind}`);
        return false;
      }
    }
  }
  return true;
}

// Property initializers give absent properties a value before validation: such properties are
// not required in the schema. A constructor that needs arguments makes the DTO inexact.
function defaultValues(
  target: Function,
  name: string,
  reasons: string[],
): Record<string, unknown> | undefined {
  try {
    const instance = new (target as new () => object)();
    const values: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(instance)) if (v !== undefined) values[k] = v;
    return values;
  } catch {
    reasons.push(`${name} cannot be constructed without arguments`);
    return undefined;
  }
}

// @Validate(Class) records no name on the metadata: the constraint class carries it.
function constraintName(meta: ValidationMetadata): string {
  if (meta.name !== undefined) return meta.name;
  if (!meta.constraintCls) return 'custom';
  return (
    classValidator().getMetadataStorage().getTargetValidatorConstraints(meta.constraintCls)[0]?.name ??
    'custom'
  );
}
