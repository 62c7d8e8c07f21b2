import { getModuleMetadata } from '../decorators/module.decorator';
import { isGlobalModule } from '../decorators/global.decorator';
import { getInjectableOptions } from '../decorators/injectable.decorator';
import { isForwardReference } from '../metadata/forward-ref';
import { isClass, type Type } from '../metadata/type';
import { tokenName } from '../metadata/token';
import { isDynamicModule, type ModuleMetadata } from '../module/module-metadata';
import type { Provider } from '../module/provider';
import { Scope } from '../module/scope';
import type { TenonError } from '../errors/tenon.error';
import { InvalidModuleError } from '../errors/invalid-module.error';
import { InvalidProviderError } from '../errors/invalid-provider.error';
import { UndefinedModuleEntryError } from '../errors/undefined-module-entry.error';
import { ModuleRecord } from './module-record';
import { createProviderRecord, describeShape, type ProviderOverride } from './provider-factory';
import { ProviderRecord } from './provider-record';

export interface ScanOptions {
  /** Replaces the provider of a token wherever it is declared (the testing module uses it). */
  overrides?: ReadonlyMap<unknown, ProviderOverride>;
  /**
   * Replaces a module wherever it is imported. A module class as key also replaces the dynamic
   * modules of that class (`DataModule` replaces `DataModule.forRoot(...)`).
   */
  moduleOverrides?: ReadonlyMap<object, object>;
}

/** The module that replaces `value`, if an override applies, and which key applied. */
export function moduleOverride(
  value: object,
  overrides: ReadonlyMap<object, object> | undefined,
): { key: object; replacement: object } | undefined {
  if (!overrides?.size) return undefined;
  if (overrides.has(value)) return { key: value, replacement: overrides.get(value)! };
  const cls = isDynamicModule(value) ? value.module : undefined;
  if (cls && overrides.has(cls)) return { key: cls, replacement: overrides.get(cls)! };
  return undefined;
}

/** The result of the scan phase: every module reachable from the root, in discovery order. */
export interface ScanResult {
  root: ModuleRecord;
  modules: ModuleRecord[];
  /** Modules by the reference that identifies them: a class or a dynamic-module object. */
  byRef: Map<object, ModuleRecord>;
  errors: TenonError[];
  /** Keys of `moduleOverrides` that replaced a module. */
  appliedModuleOverrides: Set<object>;
}

export interface PendingExport {
  module: ModuleRecord;
  raw: unknown;
  index: number;
}

/**
 * Scan: walks the module graph from the root and records modules, providers and controllers.
 * Nothing is resolved or constructed here; problems are collected, not thrown, so that the
 * user sees all of them at once.
 */
export function scanModules(
  rootRef: object,
  options: ScanOptions = {},
): ScanResult & { pendingExports: PendingExport[] } {
  const byRef = new Map<object, ModuleRecord>();
  const modules: ModuleRecord[] = [];
  const errors: TenonError[] = [];
  const pendingExports: PendingExport[] = [];
  const appliedModuleOverrides = new Set<object>();
  // Imports are linked after all modules exist, so that a forward reference can point to a
  // module that is discovered later.
  const pendingImports: Array<{ from: ModuleRecord; ref: object }> = [];

  const unwrap = (raw: unknown): unknown => {
    const value = isForwardReference(raw) ? raw.forwardRef() : raw;
    if (value === undefined || value === null) return value;
    const override = moduleOverride(value as object, options.moduleOverrides);
    if (!override) return value;
    appliedModuleOverrides.add(override.key);
    return override.replacement;
  };

  const visit = (ref: object, parent: ModuleRecord | undefined): ModuleRecord | undefined => {
    const existing = byRef.get(ref);
    if (existing) return existing;
    const metatype = (isDynamicModule(ref) ? ref.module : ref) as Type;
    const own = getModuleMetadata(metatype);
    const dynamic = isDynamicModule(ref) ? ref : undefined;
    const metadata: ModuleMetadata = {
      imports: [...(own?.imports ?? []), ...(dynamic?.imports ?? [])],
      providers: [...(own?.providers ?? []), ...(dynamic?.providers ?? [])],
      controllers: [...(own?.controllers ?? []), ...(dynamic?.controllers ?? [])],
      exports: [...(own?.exports ?? []), ...(dynamic?.exports ?? [])],
    };
    const global = dynamic?.global ?? own?.global ?? isGlobalModule(metatype);
    const record = new ModuleRecord(
      modules.length,
      ref,
      metatype,
      metatype.name || '<anonymous module>',
      global,
      parent,
      metadata,
    );
    byRef.set(ref, record);
    modules.push(record);

    // The module class is a provider of itself, so it can inject and have lifecycle hooks.
    const self = new ProviderRecord(metatype, 'class', Scope.SINGLETON, false, record);
    self.useClass = metatype;
    self.isModule = true;
    record.addProvider(self);

    metadata.providers!.forEach((entry, index) => addProvider(record, entry, index));
    metadata.controllers!.forEach((entry, index) => {
      if (!isClass(entry)) {
        errors.push(new UndefinedModuleEntryError(record.name, 'controllers', index, record.path()));
        return;
      }
      const controller = createProviderRecord(entry, record, options.overrides);
      if (!controller) return;
      controller.isController = true;
      record.controllers.push(entry);
      record.addProvider(controller);
    });
    metadata.imports!.forEach((raw, index) => {
      const value = unwrap(raw);
      if (value === undefined || value === null) {
        errors.push(new UndefinedModuleEntryError(record.name, 'imports', index, record.path()));
        return;
      }
      const target = isDynamicModule(value) ? value.module : value;
      if (!isClass(target) || !getModuleMetadata(target)) {
        const injectable = isClass(target) && getInjectableOptions(target) !== undefined;
        errors.push(
          new InvalidModuleError(value, `${record.name}.imports[${index}]`, record.path(), injectable),
        );
        return;
      }
      pendingImports.push({ from: record, ref: value as object });
    });
    metadata.exports!.forEach((raw, index) => pendingExports.push({ module: record, raw, index }));
    return record;
  };

  const addProvider = (record: ModuleRecord, entry: Provider | undefined, index: number): void => {
    if (entry === undefined) {
      errors.push(new UndefinedModuleEntryError(record.name, 'providers', index, record.path()));
      return;
    }
    const provider = createProviderRecord(entry, record, options.overrides);
    if (!provider) {
      errors.push(new InvalidProviderError(record.name, index, describeShape(entry), record.path()));
      return;
    }
    record.addProvider(provider);
  };

  const rootValue = unwrap(rootRef);
  const rootTarget = isDynamicModule(rootValue) ? rootValue.module : rootValue;
  if (!isClass(rootTarget) || !getModuleMetadata(rootTarget)) {
    const injectable = isClass(rootTarget) && getInjectableOptions(rootTarget) !== undefined;
    throw new InvalidModuleError(
      rootValue,
      'the root of the application',
      [tokenName(rootValue)],
      injectable,
    );
  }
  const root = visit(rootValue as object, undefined)!;
  // Breadth-first, so that each module's recorded parent is on a shortest path from the root.
  for (let i = 0; i < pendingImports.length; i++) {
    const { from, ref } = pendingImports[i]!;
    const target = visit(ref, from);
    if (target && !from.imports.includes(target)) from.imports.push(target);
  }
  return { root, modules, byRef, errors, pendingExports, appliedModuleOverrides };
}
