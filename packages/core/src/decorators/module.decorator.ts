import { MODULE_METADATA } from '../metadata/metadata-keys';
import type { ModuleMetadata } from '../module/module-metadata';

/**
 * Declares a module: a unit of providers and controllers with its imports and exports.
 *
 * @example
 * @Module({ imports: [DatabaseModule], providers: [UsersService], exports: [UsersService] })
 * export class UsersModule {}
 */
export function Module(metadata: ModuleMetadata = {}): ClassDecorator {
  return (target) => {
    Reflect.defineMetadata(MODULE_METADATA, metadata, target);
  };
}

export function getModuleMetadata(target: Function): ModuleMetadata | undefined {
  return Reflect.getOwnMetadata(MODULE_METADATA, target) as ModuleMetadata | undefined;
}
