import { getModuleMetadata } from '../decorators/module.decorator';
import type { Type } from '../metadata/type';

/**
 * Whether `value` is a module class: a class decorated with `@Module()` itself (the decorator is
 * not inherited, as at boot). A dynamic module (`{ module, providers, … }`) is not one; check its
 * `module` instead. For tools that take modules from users (testing builders, plugins) and want to
 * reject anything else where the mistake is made rather than later at boot.
 *
 * @example
 * @Module({ providers: [Clock] })
 * class ClockModule {}
 *
 * isModule(ClockModule); // true
 * isModule(Clock);       // false: an @Injectable(), not a module
 * isModule(ConfigModule.forRoot({ schema })); // false: a dynamic module; isModule(dynamic.module) is true
 */
export function isModule(value: unknown): value is Type {
  return typeof value === 'function' && getModuleMetadata(value) !== undefined;
}
