import type { DynamicModule } from '@tenon/core';

// Stopgap: core keeps `getModuleMetadata()` internal, so the testing module reads the Reflect
// key `@Module()` writes, only to reject a non-module passed to overrideModule()/useModule() at
// the call that made the mistake (core would report it later, at boot, without that location).
const MODULE_METADATA = 'tenon:module';

function isDynamicModule(value: unknown): value is DynamicModule {
  return typeof value === 'object' && value !== null && typeof (value as DynamicModule).module === 'function';
}

/** The module class of an import (the class itself, or a dynamic module's `module`), if it is one. */
export function moduleClassOf(ref: unknown): Function | undefined {
  const target = isDynamicModule(ref) ? ref.module : ref;
  return typeof target === 'function' && Reflect.getOwnMetadata(MODULE_METADATA, target) !== undefined
    ? target
    : undefined;
}
