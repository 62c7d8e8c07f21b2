import { ROUTE, VERSION } from '../metadata/metadata-keys';
import { ALL_METHODS, type HttpMethod } from '../metadata/http-method';
import type { VersionValue } from '../metadata/version';

export interface RouteMetadata {
  methods: HttpMethod[];
  paths: string[];
}

function route(methods: readonly HttpMethod[], path: string | string[] | undefined): MethodDecorator {
  const paths = path === undefined ? [''] : Array.isArray(path) ? [...path] : [path];
  return (_target, _key, descriptor) => {
    const metadata: RouteMetadata = { methods: [...methods], paths };
    Reflect.defineMetadata(ROUTE, metadata, descriptor.value as object);
  };
}

/**
 * Routes GET requests for `path` (relative to the controller prefix) to the method. Paths use
 * Fastify's syntax: `:id` params, `*` wildcards, `:id(^\\d+$)` regex params.
 *
 * @example
 * @Get(':id') findOne(@Param('id') id: string) {}
 */
export const Get = (path?: string | string[]): MethodDecorator => route(['GET'], path);
/** Routes POST requests. @example @Post() create(@Body() dto: CreateTodoDto) {} */
export const Post = (path?: string | string[]): MethodDecorator => route(['POST'], path);
/** Routes PUT requests. @example @Put(':id') replace(@Param('id') id: string, @Body() dto: TodoDto) {} */
export const Put = (path?: string | string[]): MethodDecorator => route(['PUT'], path);
/** Routes PATCH requests. @example @Patch(':id') update(@Param('id') id: string, @Body() dto: PatchDto) {} */
export const Patch = (path?: string | string[]): MethodDecorator => route(['PATCH'], path);
/** Routes DELETE requests. @example @Delete(':id') remove(@Param('id') id: string) {} */
export const Delete = (path?: string | string[]): MethodDecorator => route(['DELETE'], path);
/** Routes HEAD requests (GET routes answer HEAD on their own). @example @Head('ping') ping() {} */
export const Head = (path?: string | string[]): MethodDecorator => route(['HEAD'], path);
/** Routes OPTIONS requests. @example @Options() options() {} */
export const Options = (path?: string | string[]): MethodDecorator => route(['OPTIONS'], path);
/** Routes every method. @example @All('proxy/*') proxy(@Req() req: FastifyRequest) {} */
export const All = (path?: string | string[]): MethodDecorator => route(ALL_METHODS, path);

export function getRouteMetadata(handler: Function): RouteMetadata | undefined {
  return Reflect.getMetadata(ROUTE, handler) as RouteMetadata | undefined;
}

/**
 * Sets the version a single route answers, overriding the controller's.
 *
 * @example
 * @Get() @Version('2') listV2() {}
 */
export function Version(version: VersionValue): MethodDecorator {
  return (_target, _key, descriptor) => {
    Reflect.defineMetadata(VERSION, version, descriptor.value as object);
  };
}

export function getRouteVersion(handler: Function): VersionValue | undefined {
  return Reflect.getMetadata(VERSION, handler) as VersionValue | undefined;
}
