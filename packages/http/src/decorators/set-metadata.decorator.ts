/**
 * Attaches a value under `key` to a controller or a handler, for guards and interceptors to
 * read with `Reflector`. Wrap it to make your own decorators.
 *
 * @example
 * export const Roles = (...roles: string[]) => SetMetadata('roles', roles);
 * @Get() @Roles('admin') list() {}
 */
export function SetMetadata<K extends string | symbol = string, V = unknown>(
  key: K,
  value: V,
): ClassDecorator & MethodDecorator {
  return ((target: object, _key?: string | symbol, descriptor?: PropertyDescriptor) => {
    Reflect.defineMetadata(key, value, descriptor ? (descriptor.value as object) : target);
  }) as ClassDecorator & MethodDecorator;
}
