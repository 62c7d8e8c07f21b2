import { STATUS_CODES } from 'node:http';
import {
  getHttpCode,
  getRedirect,
  getRenderTemplate,
  successStatus,
} from '../decorators/response.decorators';
import { GUARDS, getEnhancers } from '../decorators/enhancer.decorators';
import { getParamMetadata, type ParamMetadata } from '../decorators/param.decorators';
import { API_EXCLUDE, API_OPERATION, API_RESPONSES, API_TAGS } from '../metadata/metadata-keys';
import { ParseBoolPipe } from '../pipes/parse-bool.pipe';
import { ParseEnumPipe } from '../pipes/parse-enum.pipe';
import { ParseFloatPipe } from '../pipes/parse-float.pipe';
import { ParseIntPipe } from '../pipes/parse-int.pipe';
import { ParseUUIDPipe } from '../pipes/parse-uuid.pipe';
import { ParseArrayPipe } from '../pipes/parse-array.pipe';
import type { RouteDefinition } from '../routing/route-table';
import { isDtoClass } from '../validation/dto-class';
import { compileDtoSchema } from '../validation/dto-schema-compiler';
import type { JsonSchema } from '../validation/json-schema';
import type { ApiOperationOptions, ApiResponseOptions } from './api.decorators';

/** The problem object, as documented for every error response. */
export const PROBLEM_SCHEMA: JsonSchema = {
  type: 'object',
  properties: {
    type: { type: 'string' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    instance: { type: 'string' },
    code: { type: 'string' },
    errors: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          property: { type: 'string' },
          constraints: { type: 'object', additionalProperties: { type: 'string' } },
          value: {},
        },
        required: ['property', 'constraints'],
      },
    },
  },
  required: ['type', 'title', 'status'],
};

function pipeSchema(param: ParamMetadata, metatype: Function | undefined): JsonSchema {
  for (const pipe of param.pipes) {
    const is = (cls: Function): boolean => pipe === cls || pipe instanceof cls;
    if (is(ParseIntPipe)) return { type: 'integer' };
    if (is(ParseFloatPipe)) return { type: 'number' };
    if (is(ParseBoolPipe)) return { type: 'boolean' };
    if (is(ParseUUIDPipe)) return { type: 'string', format: 'uuid' };
    if (is(ParseArrayPipe)) return { type: 'array', items: {} };
    if (pipe instanceof ParseEnumPipe)
      return { enum: [...(pipe as unknown as { values: unknown[] }).values] };
  }
  if (metatype === Number) return { type: 'number' };
  if (metatype === Boolean) return { type: 'boolean' };
  return { type: 'string' };
}

function objectOf(properties: Record<string, JsonSchema>, required: string[]): JsonSchema {
  const schema: JsonSchema = { type: 'object', properties };
  if (required.length > 0) schema.required = required;
  return schema;
}

function dtoDoc(metatype: unknown): JsonSchema | undefined {
  return isDtoClass(metatype) ? compileDtoSchema(metatype, { whitelist: true }).document : undefined;
}

function responseBody(
  type: ApiResponseOptions['type'],
  isArray: boolean | undefined,
): JsonSchema | undefined {
  if (type === undefined) return undefined;
  const schema =
    typeof type === 'function'
      ? (dtoDoc(type) ?? { type: 'object', title: type.name })
      : (type as JsonSchema);
  return isArray ? { type: 'array', items: schema } : schema;
}

/**
 * The OpenAPI description of one route, computed at boot from what the route already declares:
 * path, parameter decorators and their pipes, DTO validation metadata, status decorators,
 * guards, and `@ApiOperation`/`@ApiResponse`/`@ApiTags`/`@Throws` refinements. Returns
 * `undefined` for routes left out with `@ApiExcludeEndpoint`.
 */
export function describeRoute(route: RouteDefinition<unknown>): JsonSchema | undefined {
  const { controller, handler, handlerName } = route;
  if (Reflect.getMetadata(API_EXCLUDE, handler) || Reflect.getMetadata(API_EXCLUDE, controller))
    return undefined;
  const operation = (Reflect.getMetadata(API_OPERATION, handler) as ApiOperationOptions | undefined) ?? {};
  const tags = (Reflect.getMetadata(API_TAGS, handler) as string[] | undefined) ??
    (Reflect.getMetadata(API_TAGS, controller) as string[] | undefined) ?? [
      controller.name.replace(/Controller$/, '') || controller.name,
    ];
  const paramTypes =
    (Reflect.getMetadata('design:paramtypes', controller.prototype as object, handlerName) as
      Function[] | undefined) ?? [];
  const params = getParamMetadata(controller, handlerName);

  const doc: JsonSchema = {
    operationId:
      operation.operationId ??
      `${controller.name}_${handlerName}${route.version ? `_v${route.version}` : ''}_${route.method.toLowerCase()}`,
    tags,
  };
  if (operation.summary) doc.summary = operation.summary;
  if (operation.description) doc.description = operation.description;
  if (operation.deprecated) doc.deprecated = true;

  const pathParams: Record<string, JsonSchema> = {};
  for (const match of route.path.matchAll(/:([A-Za-z_$][\w$]*)/g)) pathParams[match[1]!] = { type: 'string' };
  if (route.path.endsWith('*')) pathParams['*'] = { type: 'string' };
  const query: Record<string, JsonSchema> = {};
  const queryRequired: string[] = [];
  const headers: Record<string, JsonSchema> = {};
  let body: JsonSchema | undefined;
  let validates = false;
  for (const param of params) {
    const metatype = paramTypes[param.index];
    if (param.pipes.length > 0) validates = true;
    if (param.source === 'param' && param.key !== undefined)
      pathParams[param.key] = pipeSchema(param, metatype);
    else if (param.source === 'query' && param.key !== undefined)
      query[param.key] = pipeSchema(param, metatype);
    else if (param.source === 'query') {
      const dto = dtoDoc(metatype);
      if (dto) {
        validates = true;
        Object.assign(query, dto.properties);
        queryRequired.push(...(dto.required ?? []));
      }
    } else if (param.source === 'headers' && param.key !== undefined)
      headers[param.key.toLowerCase()] = pipeSchema(param, metatype);
    else if (param.source === 'body') {
      const dto = param.key === undefined ? dtoDoc(metatype) : undefined;
      if (dto) validates = true;
      body =
        param.key === undefined
          ? (dto ?? {})
          : objectOf({ ...(body?.properties ?? {}), [param.key]: pipeSchema(param, metatype) }, []);
    }
  }
  if (Object.keys(pathParams).length > 0) doc.params = objectOf(pathParams, Object.keys(pathParams));
  if (Object.keys(query).length > 0) doc.querystring = objectOf(query, queryRequired);
  if (Object.keys(headers).length > 0) doc.headers = objectOf(headers, []);
  if (body !== undefined) doc.body = body;

  const responses: Record<string, JsonSchema> = {};
  const redirect = getRedirect(handler);
  const success = redirect
    ? (getHttpCode(handler) ?? redirect.status)
    : (successStatus(route.method, handler) ?? 200);
  const declared = [
    ...((Reflect.getMetadata(API_RESPONSES, controller) as ApiResponseOptions[] | undefined) ?? []),
    ...((Reflect.getMetadata(API_RESPONSES, handler) as ApiResponseOptions[] | undefined) ?? []),
  ];
  const html = getRenderTemplate(handler) !== undefined;
  const add = (status: number, description: string | undefined, schema: JsonSchema | undefined): void => {
    const text = description ?? STATUS_CODES[status] ?? `HTTP ${status}`;
    if (status >= 400) {
      responses[String(status)] = {
        description: text,
        content: { 'application/problem+json': { schema: PROBLEM_SCHEMA } },
      };
    } else if (schema !== undefined) {
      responses[String(status)] = {
        description: text,
        content: { [html ? 'text/html' : 'application/json']: { schema } },
      };
    } else {
      responses[String(status)] = { description: text };
    }
  };
  if (!declared.some((d) => d.status < 400)) add(success, undefined, undefined);
  for (const d of declared) add(d.status, d.description, responseBody(d.type, d.isArray));
  if (validates && !responses['400']) add(400, 'The request is invalid: see errors', undefined);
  if (
    (getEnhancers(GUARDS, handler).length > 0 || getEnhancers(GUARDS, controller).length > 0) &&
    !responses['403']
  ) {
    add(403, 'A guard refused the request', undefined);
  }
  doc.response = responses;
  return doc;
}
