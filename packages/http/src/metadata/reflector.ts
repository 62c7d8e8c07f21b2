import { Injectable } from '@tenon/core';

/**
 * Reads values set with `SetMetadata` (or decorators built on it) from controllers and
 * handlers. Injectable everywhere.
 *
 * @example
 * @Injectable()
 * export class RolesGuard implements CanActivate {
 *   constructor(private readonly reflector: Reflector) {}
 *   canActivate(ctx: ExecutionContext) {
 *     const roles = this.reflector.getAllAndOverride<string[]>('roles', [ctx.getHandler(), ctx.getClass()]);
 *     return !roles || roles.includes(String(ctx.getRequest().headers['x-role']));
 *   }
 * }
 */
@Injectable()
export class Reflector {
  /** The value under `key` on one target. */
  get<T = unknown>(key: string | symbol, target: Function): T | undefined {
    return Reflect.getMetadata(key, target) as T | undefined;
  }

  /** The first defined value among the targets: pass `[handler, class]` so the route overrides. */
  getAllAndOverride<T = unknown>(key: string | symbol, targets: Function[]): T | undefined {
    for (const target of targets) {
      const value = Reflect.getMetadata(key, target) as T | undefined;
      if (value !== undefined) return value;
    }
    return undefined;
  }

  /** Every target's value merged: arrays concatenated, objects spread, others collected. */
  getAllAndMerge<T extends unknown[] | Record<string, unknown> = unknown[]>(
    key: string | symbol,
    targets: Function[],
  ): T {
    const values = targets.map((t) => Reflect.getMetadata(key, t) as unknown).filter((v) => v !== undefined);
    if (values.length === 0) return [] as unknown as T;
    if (values.every((v) => typeof v === 'object' && v !== null && !Array.isArray(v))) {
      return Object.assign({}, ...(values as object[])) as T;
    }
    return values.flatMap((v) => (Array.isArray(v) ? v : [v])) as T;
  }
}
