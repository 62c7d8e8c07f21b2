import type { Type } from '@tenon/core';
import { CATCH, FILTERS, GUARDS, INTERCEPTORS, PIPES } from '../metadata/metadata-keys';
import type {
  CanActivate,
  EnhancerRef,
  ExceptionFilter,
  PipeTransform,
  TenonInterceptor,
} from '../metadata/enhancer-types';

function append(key: string, items: readonly unknown[]): ClassDecorator & MethodDecorator {
  return ((target: object, _key?: string | symbol, descriptor?: PropertyDescriptor) => {
    const holder = descriptor ? (descriptor.value as object) : target;
    const current = (Reflect.getOwnMetadata(key, holder) as unknown[] | undefined) ?? [];
    Reflect.defineMetadata(key, [...current, ...items], holder);
  }) as ClassDecorator & MethodDecorator;
}

/**
 * Guards for every route of a controller (on the class) or for one route (on the method).
 * A class is resolved from the controller's module with injection.
 *
 * @example
 * @UseGuards(AuthGuard, new RolesGuard(['admin']))
 */
export function UseGuards(...guards: EnhancerRef<CanActivate>[]): ClassDecorator & MethodDecorator {
  return append(GUARDS, guards);
}

/**
 * Interceptors around the handler; the first listed is the outermost.
 *
 * @example
 * @UseInterceptors(TimingInterceptor)
 */
export function UseInterceptors(
  ...interceptors: EnhancerRef<TenonInterceptor>[]
): ClassDecorator & MethodDecorator {
  return append(INTERCEPTORS, interceptors);
}

/**
 * Pipes applied to every body, query, param and header argument of the routes.
 *
 * @example
 * @UsePipes(new ValidationPipe({ forbidNonWhitelisted: true }))
 */
export function UsePipes(...pipes: EnhancerRef<PipeTransform>[]): ClassDecorator & MethodDecorator {
  return append(PIPES, pipes);
}

/**
 * Exception filters for the routes; the route's run before the controller's, then the global.
 *
 * @example
 * @UseFilters(LockFilter)
 */
export function UseFilters(...filters: EnhancerRef<ExceptionFilter>[]): ClassDecorator & MethodDecorator {
  return append(FILTERS, filters);
}

/**
 * Declares which errors an exception filter handles (subclasses included); with no types it
 * handles every error.
 *
 * @example
 * @Catch(NotFoundException, GoneException)
 * export class MissingFilter implements ExceptionFilter { catch(e: HttpException, ctx: ExecutionContext) {} }
 */
export function Catch(...types: Type<unknown>[]): ClassDecorator {
  return (target) => {
    Reflect.defineMetadata(CATCH, types, target);
  };
}

export function getCatchTypes(filter: Function): Type<unknown>[] {
  return (Reflect.getMetadata(CATCH, filter) as Type<unknown>[] | undefined) ?? [];
}

export function getEnhancers<T>(key: string, holder: object): EnhancerRef<T>[] {
  return (Reflect.getOwnMetadata(key, holder) as EnhancerRef<T>[] | undefined) ?? [];
}

export { GUARDS, INTERCEPTORS, PIPES, FILTERS };
