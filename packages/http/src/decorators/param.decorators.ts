import type { Type } from '@tenon/core';
import { HttpErrorCode } from '../errors/errors';
import { HttpBootError } from '../errors/http-boot.error';
import { PARAMS } from '../metadata/metadata-keys';
import type { EnhancerRef, ExecutionContext, PipeTransform } from '../metadata/enhancer-types';

/** Where a handler argument comes from. */
export type ParamSource = 'body' | 'query' | 'param' | 'headers' | 'req' | 'res' | 'ip' | 'custom';

export type PipeRef = EnhancerRef<PipeTransform>;

export interface ParamMetadata {
  index: number;
  source: ParamSource;
  /** The key given to the decorator, e.g. `@Param('id')`. */
  key: string | undefined;
  pipes: PipeRef[];
  /** For `createParamDecorator`: computes the value. */
  factory?: (data: unknown, context: ExecutionContext) => unknown;
  /** For `createParamDecorator`: the argument the decorator was called with. */
  data?: unknown;
  /** `@Res({ passthrough: true })`: the framework still sends the handler's result. */
  passthrough?: boolean;
}

function record(target: object, propertyKey: string | symbol | undefined, meta: ParamMetadata): void {
  if (propertyKey === undefined) {
    const owner = typeof target === 'function' ? target.name : 'a class';
    throw new HttpBootError(
      HttpErrorCode.INVALID_PARAM_DECORATOR,
      `A ${meta.source} parameter decorator is used on constructor parameter ${meta.index} of ${owner}: parameter decorators describe handler arguments. ` +
        `Fix: move it to a parameter of a @Get()/@Post()… method, and inject services in the constructor without it.`,
    );
  }
  const owner = target.constructor;
  const list = (Reflect.getOwnMetadata(PARAMS, owner, propertyKey) as ParamMetadata[] | undefined) ?? [];
  Reflect.defineMetadata(PARAMS, [...list, meta], owner, propertyKey);
}

function isPipe(value: unknown): value is PipeRef {
  return typeof value === 'function' || (typeof value === 'object' && value !== null);
}

function keyed(source: ParamSource) {
  return (keyOrPipe?: string | PipeRef, ...pipes: PipeRef[]): ParameterDecorator =>
    (target, propertyKey, index) => {
      const key = typeof keyOrPipe === 'string' ? keyOrPipe : undefined;
      const all = isPipe(keyOrPipe) ? [keyOrPipe, ...pipes] : pipes;
      record(target, propertyKey, { index, source, key, pipes: all });
    };
}

/**
 * The request body, or one property of it. A DTO-typed body is validated and transformed.
 *
 * @example
 * create(@Body() dto: CreateTodoDto, @Body('title') title: string) {}
 */
export const Body: (keyOrPipe?: string | PipeRef, ...pipes: PipeRef[]) => ParameterDecorator = keyed('body');
/**
 * A route parameter, or all of them as an object.
 *
 * @example
 * findOne(@Param('id', ParseIntPipe) id: number) {}
 */
export const Param: (keyOrPipe?: string | PipeRef, ...pipes: PipeRef[]) => ParameterDecorator =
  keyed('param');
/**
 * A query-string value, or the whole query as an object (a DTO-typed one is validated).
 *
 * @example
 * list(@Query('page', new DefaultValuePipe(1), ParseIntPipe) page: number) {}
 */
export const Query: (keyOrPipe?: string | PipeRef, ...pipes: PipeRef[]) => ParameterDecorator =
  keyed('query');
/**
 * A request header (name is case-insensitive), or all headers.
 *
 * @example
 * list(@Headers('accept-language') lang?: string) {}
 */
export const Headers: (keyOrPipe?: string | PipeRef, ...pipes: PipeRef[]) => ParameterDecorator =
  keyed('headers');

/**
 * The Fastify request.
 *
 * @example
 * whoami(@Req() req: FastifyRequest) { return req.ip; }
 */
export function Req(): ParameterDecorator {
  return (target, propertyKey, index) =>
    record(target, propertyKey, { index, source: 'req', key: undefined, pipes: [] });
}

/**
 * The Fastify reply. The handler then sends the response itself, unless `passthrough` is set.
 *
 * @example
 * download(@Res() reply: FastifyReply) { reply.type('text/csv').send('a,b\n'); }
 * @Get() list(@Res({ passthrough: true }) reply: FastifyReply) { reply.header('x-total', '3'); return []; }
 */
export function Res(options: { passthrough?: boolean } = {}): ParameterDecorator {
  return (target, propertyKey, index) =>
    record(target, propertyKey, {
      index,
      source: 'res',
      key: undefined,
      pipes: [],
      passthrough: options.passthrough === true,
    });
}

/**
 * The client's IP address (`trustProxy` decides whether `X-Forwarded-For` counts).
 *
 * @example
 * track(@Ip() ip: string) {}
 */
export function Ip(): ParameterDecorator {
  return (target, propertyKey, index) =>
    record(target, propertyKey, { index, source: 'ip', key: undefined, pipes: [] });
}

/**
 * Builds a parameter decorator from a function of the request context. The result may be
 * piped like any other argument.
 *
 * @example
 * export const CurrentUser = createParamDecorator((field: string | undefined, ctx) => {
 *   const user = ctx.getRequest<{ user: Record<string, unknown> }>().user;
 *   return field ? user[field] : user;
 * });
 * me(@CurrentUser('id') id: string) {}
 */
export function createParamDecorator<TData = unknown, TResult = unknown>(
  factory: (data: TData, context: ExecutionContext) => TResult | Promise<TResult>,
): (data?: TData, ...pipes: PipeRef[]) => ParameterDecorator {
  return (data?: TData, ...pipes: PipeRef[]) =>
    (target, propertyKey, index) =>
      record(target, propertyKey, {
        index,
        source: 'custom',
        key: typeof data === 'string' ? data : undefined,
        pipes,
        factory: factory as (data: unknown, context: ExecutionContext) => unknown,
        data,
      });
}

export function getParamMetadata(controller: Type | Function, method: string | symbol): ParamMetadata[] {
  const list = (Reflect.getMetadata(PARAMS, controller, method) as ParamMetadata[] | undefined) ?? [];
  return [...list].sort((a, b) => a.index - b.index);
}
