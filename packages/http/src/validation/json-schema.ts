/** A JSON Schema (draft 2020-12 / OpenAPI 3.1 subset) as a plain object. */
export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  not?: JsonSchema;
  anyOf?: JsonSchema[];
  allOf?: JsonSchema[];
  if?: JsonSchema;
  then?: JsonSchema;
  else?: JsonSchema;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  uniqueItems?: boolean;
  pattern?: string;
  format?: string;
  description?: string;
  title?: string;
  default?: unknown;
  [keyword: string]: unknown;
}

const COMBINING = new Set(['anyOf', 'allOf', 'not', 'if', 'then', 'else', 'enum', 'const']);

/**
 * Merges the schemas of several constraints into one object where their keywords do not
 * clash (readable in OpenAPI), and into `allOf` where they do.
 */
export function mergeSchemas(parts: JsonSchema[]): JsonSchema {
  const merged: JsonSchema = {};
  const rest: JsonSchema[] = [];
  for (const part of parts) {
    const clash = Object.keys(part).some(
      (k) => k in merged && (COMBINING.has(k) || JSON.stringify(merged[k]) !== JSON.stringify(part[k])),
    );
    if (clash) rest.push(part);
    else Object.assign(merged, part);
  }
  if (rest.length === 0) return merged;
  return { allOf: [merged, ...rest] };
}

/** `S` or null, written as a type union where that means the same thing. */
export function nullable(schema: JsonSchema): JsonSchema {
  const keys = Object.keys(schema);
  if (typeof schema.type === 'string' && !keys.some((k) => COMBINING.has(k))) {
    return { ...schema, type: [schema.type, 'null'] };
  }
  if (keys.length === 0) return schema;
  return { anyOf: [{ type: 'null' }, schema] };
}
