import { isModule, type DynamicModule } from '@tenon/core';

function isDynamicModule(value: unknown): value is DynamicModule {
  return typeof value === 'object' && value !== null && typeof (value as DynamicModule).module === 'function';
}

/**
 * The module class of an import (the class itself, or a dynamic module's `module`), if it is one:
 * overrideModule()/useModule() reject anything else at the call that made the mistake (core would
 * report it later, at boot, without that location).
 */
export function moduleClassOf(ref: unknown): Function | undefined {
  const target = isDynamicModule(ref) ? ref.module : ref;
  return isModule(target) ? target : undefined;
}
