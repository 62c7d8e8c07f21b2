import { API_EXCLUDE, API_OPERATION, API_RESPONSES, API_TAGS } from '../metadata/metadata-keys';

/** Refines the OpenAPI operation of a route. */
export interface ApiOperationOptions {
  summary?: string;
  description?: string;
  operationId?: string;
  deprecated?: boolean;
}

/** Declares one response of a route in the OpenAPI document. */
export interface ApiResponseOptions {
  status: number;
  description?: string;
  /** A DTO class (documented from its validation metadata) or a JSON Schema. */
  type?: Function | Record<string, unknown>;
  /** The response is a list of `type`. */
  isArray?: boolean;
}

function holder(target: object, descriptor?: PropertyDescriptor): object {
  return descriptor ? (descriptor.value as object) : target;
}

/**
 * Summary and description of a route in the OpenAPI document.
 *
 * @example
 * @Get(':id') @ApiOperation({ summary: 'Find one todo' }) get() {}
 */
export function ApiOperation(options: ApiOperationOptions): MethodDecorator {
  return (_t, _k, descriptor) => {
    Reflect.defineMetadata(API_OPERATION, options, descriptor.value as object);
  };
}

/**
 * Declares a response (status, description, body type). Responses for 4xx/5xx are documented as
 * `application/problem+json`. On a controller it applies to every route.
 *
 * @example
 * @Get(':id') @ApiResponse({ status: 200, type: TodoView }) @ApiResponse({ status: 404, description: 'No such todo' }) get() {}
 */
export function ApiResponse(options: ApiResponseOptions): ClassDecorator & MethodDecorator {
  return ((target: object, _k?: string | symbol, descriptor?: PropertyDescriptor) => {
    const h = holder(target, descriptor);
    const list = (Reflect.getOwnMetadata(API_RESPONSES, h) as ApiResponseOptions[] | undefined) ?? [];
    Reflect.defineMetadata(API_RESPONSES, [...list, options], h);
  }) as ClassDecorator & MethodDecorator;
}

/**
 * Groups routes under tags in the OpenAPI document (default: the controller name).
 *
 * @example
 * @Controller('todos') @ApiTags('todos') export class TodoController {}
 */
export function ApiTags(...tags: string[]): ClassDecorator & MethodDecorator {
  return ((target: object, _k?: string | symbol, descriptor?: PropertyDescriptor) => {
    Reflect.defineMetadata(API_TAGS, tags, holder(target, descriptor));
  }) as ClassDecorator & MethodDecorator;
}

/**
 * Leaves a route (or a whole controller) out of the OpenAPI document.
 *
 * @example
 * @Get('internal') @ApiExcludeEndpoint() internal() {}
 */
export function ApiExcludeEndpoint(): ClassDecorator & MethodDecorator {
  return ((target: object, _k?: string | symbol, descriptor?: PropertyDescriptor) => {
    Reflect.defineMetadata(API_EXCLUDE, true, holder(target, descriptor));
  }) as ClassDecorator & MethodDecorator;
}

/**
 * Declares the exceptions a route may throw, so their statuses appear in the OpenAPI document
 * as problem responses.
 *
 * @example
 * @Get(':id') @Throws(NotFoundException) get() {}
 */
export function Throws(...exceptions: (new () => { status: number; title?: string })[]): MethodDecorator {
  return (_t, _k, descriptor) => {
    const h = descriptor.value as object;
    const list = (Reflect.getOwnMetadata(API_RESPONSES, h) as ApiResponseOptions[] | undefined) ?? [];
    const declared = exceptions.map((E) => {
      const e = new E();
      return { status: e.status, description: e.title ?? E.name } satisfies ApiResponseOptions;
    });
    Reflect.defineMetadata(API_RESPONSES, [...list, ...declared], h);
  };
}
