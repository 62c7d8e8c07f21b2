import { randomUUID } from 'node:crypto';
import { Injectable } from '@tenon/core';
import { SetMetadata } from '../decorators/set-metadata.decorator';

/** Options of `Reflector.createDecorator()`. */
export interface CreateDecoratorOptions<TParam = unknown, TTransformed = TParam> {
  /** The metadata key (default: a generated unique key). */
  key?: string;
  /** Turns the decorator's argument into the stored value. */
  transform?: (value: TParam) => TTransformed;
}

/**
 * A decorator made by `Reflector.createDecorator()`: call it to decorate, pass it to
 * `reflector.get()` to read what it stored. `KEY` is its metadata key.
 */
export type ReflectableDecorator<TParam, TTransformed = TParam> = ((
  value?: TParam,
) => ClassDecorator & MethodDecorator) & { readonly KEY: string; readonly __value?: TTransformed };

type KeyOrDecorator = string | symbol | ReflectableDecorator<never, unknown>;

function keyOf(key: KeyOrDecorator): string | symbol {
  return typeof key === 'function' ? key.KEY : key;
}

/**
 * Reads values set with `SetMetadata`, or with decorators made by `Reflector.createDecorator()`,
 * from controllers and handlers. Injectable everywhere.
 *
 * @example
 * export const Roles = Reflector.createDecorator<string[]>();
 * @Get() @Roles(['admin']) list() {}
 *
 * @Injectable()
 * export class RolesGuard implements CanActivate {
 *   constructor(private readonly reflector: Reflector) {}
 *   canActivate(ctx: ExecutionContext) {
 *     const roles = this.reflector.getAllAndOverride(Roles, [ctx.getHandler(), ctx.getClass()]);   // string[] | undefined
 *     return !roles || roles.includes(String(ctx.getRequest().headers['x-role']));
 *   }
 * }
 */
@Injectable()
export class Reflector {
  /**
   * Makes a typed metadata decorator, read back by passing it to `get()`,
   * `getAllAndOverride()` or `getAllAndMerge()` (NestJS's `Reflector.createDecorator`).
   *
   * @example
   * export const Public = Reflector.createDecorator<boolean>({ transform: (v) => v ?? true });
   * @Get('health') @Public() health() {}
   * reflector.get(Public, ctx.getHandler()); // true
   */
  static createDecorator<TParam, TTransformed = TParam>(
    options: CreateDecoratorOptions<TParam, TTransformed> = {},
  ): ReflectableDecorator<TParam, TTransformed> {
    const key = options.key ?? `tenon:decorator:${randomUUID()}`;
    const decorator = (value?: TParam) =>
      SetMetadata(key, options.transform ? options.transform(value as TParam) : value);
    return Object.assign(decorator, { KEY: key }) as ReflectableDecorator<TParam, TTransformed>;
  }

  /** The value under a key (or a `createDecorator()` decorator) on one target. */
  get<R>(decorator: ReflectableDecorator<never, R>, target: Function): R | undefined;
  get<T = unknown>(key: string | symbol, target: Function): T | undefined;
  get(key: KeyOrDecorator, target: Function): unknown {
    return Reflect.getMetadata(keyOf(key), target) as unknown;
  }

  /** The first defined value among the targets: pass `[handler, class]` so the route overrides. */
  getAllAndOverride<R>(decorator: ReflectableDecorator<never, R>, targets: Function[]): R | undefined;
  getAllAndOverride<T = unknown>(key: string | symbol, targets: Function[]): T | undefined;
  getAllAndOverride(key: KeyOrDecorator, targets: Function[]): unknown {
    const k = keyOf(key);
    for (const target of targets) {
      const value = Reflect.getMetadata(k, target) as unknown;
      if (value !== undefined) return value;
    }
    return undefined;
  }

  /** Every target's value merged: arrays concatenated, objects spread, others collected. */
  getAllAndMerge<T extends unknown[] | Record<string, unknown> = unknown[]>(
    key: KeyOrDecorator,
    targets: Function[],
  ): T {
    const k = keyOf(key);
    const values = targets.map((t) => Reflect.getMetadata(k, t) as unknown).filter((v) => v !== undefined);
    if (values.length === 0) return [] as unknown as T;
    if (values.every((v) => typeof v === 'object' && v !== null && !Array.isArray(v))) {
      return Object.assign({}, ...(values as object[])) as T;
    }
    return values.flatMap((v) => (Array.isArray(v) ? v : [v])) as T;
  }
}
