import type { FastifyReply, FastifyRequest } from 'fastify';
import type { HttpRequest } from '../application/http-types';
import type { Type } from '@tenon/core';
// Types only, erased at runtime: rxjs is an optional peer (with skipLibCheck and without rxjs
// installed, Observable degrades to any in these declarations).
import type { Observable } from 'rxjs';
import type { ObservableLike } from '../pipeline/observable';

/**
 * The HTTP view of an `ArgumentsHost` (NestJS's `HttpArgumentsHost`): the request (typed
 * `HttpRequest` by default, with room for `user`), the reply and, for middleware-style code,
 * `getNext()` (always `undefined` here: Tenon's handlers have no `next`).
 */
export interface HttpArgumentsHost {
  getRequest<R = HttpRequest>(): R;
  getResponse<R = FastifyReply>(): R;
  getNext<T = undefined>(): T;
}

/**
 * The arguments of the handler being run, as exception filters see them (NestJS's
 * `ArgumentsHost`): `switchToHttp()` for the request and reply, `getType()` (`'http'`),
 * `getArgs()` (`[request, reply]`). `ExecutionContext` extends it.
 *
 * @example
 * @Catch(HttpException)
 * export class HttpErrorFilter implements ExceptionFilter<HttpException> {
 *   catch(exception: HttpException, host: ArgumentsHost) {
 *     const http = host.switchToHttp();
 *     http.getResponse<HttpReply>().code(exception.getStatus()).send({ path: http.getRequest().url });
 *   }
 * }
 */
export interface ArgumentsHost {
  switchToHttp(): HttpArgumentsHost;
  getType<T extends string = 'http'>(): T;
  /** `[request, reply]`. */
  getArgs<T extends unknown[] = [HttpRequest, FastifyReply]>(): T;
  getArgByIndex<T = unknown>(index: number): T;
}

/**
 * What guards, interceptors, filters and custom parameter decorators see of the request being
 * handled: the request, the reply, and the controller class and handler that will run.
 *
 * @example
 * canActivate(ctx: ExecutionContext) {
 *   return this.reflector.get(ROLES, ctx.getHandler())?.includes(ctx.switchToHttp().getRequest().headers['x-role']) ?? true;
 * }
 */
export interface ExecutionContext extends ArgumentsHost {
  getRequest<R = HttpRequest>(): R;
  getReply<R = FastifyReply>(): R;
  /**
   * The controller class. For an error raised where no handler was chosen (unknown route,
   * wrong method, a URL that does not decode, a plugin's route), seen only by global exception
   * filters: `NoController`. Errors Fastify raises before the handler of a known route (body
   * parsing, body limit, media type) name that route's controller.
   */
  getClass<T = unknown>(): Type<T>;
  /**
   * The handler method, where `SetMetadata` put its values; `NoController.prototype.handle`
   * where no handler was chosen (see `getClass()`).
   */
  getHandler(): Function;
}

/**
 * Decides whether a request may reach its handler. Return `true`, `false`, or a Promise or an
 * RxJS Observable of one (its last value counts, as in NestJS). `false` answers 403; throwing
 * (or an Observable erroring with) an `HttpException` answers with that exception. Any other
 * result (an object, a string, `undefined`...) is never taken as "allow": the request fails
 * with `TENON_HTTP_INVALID_GUARD_RESULT` (500).
 *
 * @example
 * @Injectable()
 * export class ApiKeyGuard implements CanActivate {
 *   canActivate(ctx: ExecutionContext) { return ctx.getRequest().headers['x-api-key'] === 'secret'; }
 * }
 */
export interface CanActivate {
  canActivate(context: ExecutionContext): boolean | Promise<boolean> | ObservableLike<boolean>;
}

/**
 * Runs the rest of the pipeline (inner interceptors, pipes, the handler). Two forms, one object:
 * call it (`await next()`) for a promise of the result (an Observable result settled to its last
 * value), or call `next.handle()` for an RxJS Observable of it, as in NestJS (needs `rxjs`, an
 * optional peer, installed; `TENON_HTTP_RXJS_NOT_INSTALLED` otherwise). The pipeline runs once
 * per call or subscription.
 *
 * @example
 * async intercept(ctx: ExecutionContext, next: CallHandler) { return { data: await next() }; }
 * intercept(ctx: ExecutionContext, next: CallHandler) { return next.handle().pipe(map((data) => ({ data }))); }
 */
export interface CallHandler<T = unknown> {
  (): Promise<T>;
  /** The NestJS form: an Observable that runs the rest of the pipeline when subscribed. */
  handle(): Observable<T>;
}

/**
 * Wraps the handler: code before `await next()` (or before `next.handle()` is subscribed) runs
 * first, code after sees (and may replace) the result; not calling `next` short-circuits the
 * handler. May return a value, a promise, an RxJS Observable (its last value is sent; one that
 * completes empty sends `undefined`, i.e. no body) or a promise of an Observable, so NestJS
 * interceptors (`next.handle().pipe(map, tap, catchError, timeout)`) run unchanged.
 *
 * @example
 * export class EnvelopeInterceptor implements TenonInterceptor {
 *   async intercept(_ctx: ExecutionContext, next: CallHandler) { return { data: await next() }; }
 * }
 * export class TimeoutInterceptor implements TenonInterceptor {
 *   intercept(_ctx: ExecutionContext, next: CallHandler) {
 *     return next.handle().pipe(
 *       timeout(5000),
 *       catchError((e) => throwError(() => (e instanceof TimeoutError ? new RequestTimeoutException() : e))),
 *     );
 *   }
 * }
 */
export interface TenonInterceptor<T = unknown, R = unknown> {
  intercept(
    context: ExecutionContext,
    next: CallHandler<T>,
  ): R | Promise<R> | Observable<R> | Promise<Observable<R>>;
}

/** What a pipe knows about the argument it transforms. */
export interface ArgumentMetadata {
  type: 'body' | 'query' | 'param' | 'headers' | 'custom';
  /** The declared parameter type (`design:paramtypes`), e.g. a DTO class or `Number`. */
  metatype?: Function;
  /** The key given to the decorator: `@Param('id')` → `'id'`. */
  data?: string;
  /**
   * The application's `errorFormat`, set when it is `'nest'`: the parse pipes then word their
   * rejections as NestJS does (`'Validation failed (numeric string is expected)'`).
   */
  errorFormat?: 'problem' | 'nest';
}

/**
 * Transforms or validates one handler argument; throw an `HttpException` to reject it.
 *
 * @example
 * export class TrimPipe implements PipeTransform<string, string> {
 *   transform(value: string) { return value.trim(); }
 * }
 */
export interface PipeTransform<T = unknown, R = unknown> {
  transform(value: T, metadata: ArgumentMetadata): R | Promise<R>;
}

/**
 * Turns an error into a response. Send it with `ctx.getReply()`, or return a value to send it
 * with the reply's current status, or throw to hand a new error to the default handling.
 *
 * @example
 * @Catch(OptimisticLockError)
 * export class LockFilter implements ExceptionFilter<OptimisticLockError> {
 *   catch(error: OptimisticLockError, ctx: ExecutionContext) { ctx.getReply().code(409).send({ retry: true }); }
 * }
 */
export interface ExceptionFilter<E = unknown> {
  catch(exception: E, context: ExecutionContext): unknown;
}

/** A middleware function, Express style: call `next()` to continue, `next(error)` to fail. */
export type MiddlewareFunction = (
  request: FastifyRequest,
  reply: FastifyReply,
  next: (error?: unknown) => void,
) => void | Promise<void>;

/**
 * A middleware class, resolvable with injection.
 *
 * @example
 * @Injectable()
 * export class TimingMiddleware implements TenonMiddleware {
 *   use(req: FastifyRequest, reply: FastifyReply, next: () => void) { reply.header('x-start', Date.now()); next(); }
 * }
 */
export interface TenonMiddleware {
  use(request: FastifyRequest, reply: FastifyReply, next: (error?: unknown) => void): void | Promise<void>;
}

/** A guard, interceptor, pipe or filter given as an instance or as a class to resolve. */
export type EnhancerRef<T> = T | Type<T>;
