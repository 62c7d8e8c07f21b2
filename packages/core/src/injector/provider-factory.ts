import { getInjectableOptions } from '../decorators/injectable.decorator';
import { isClass, type Type } from '../metadata/type';
import type { Token } from '../metadata/token';
import { Scope } from '../module/scope';
import type { Provider } from '../module/provider';
import type { ModuleRecord } from './module-record';
import { ProviderRecord } from './provider-record';

/** What an override may replace a provider with: the provider minus its token. */
export type ProviderOverride =
  | { useValue: unknown }
  | { useClass: Type }
  | { useFactory: (...args: never[]) => unknown; inject?: unknown[] }
  | { useExisting: Token };

/** Describes an entry that is not a provider, for the error message. */
export function describeShape(entry: unknown): string {
  if (entry === null) return 'null';
  if (typeof entry !== 'object') return `${typeof entry} ${String(entry)}`;
  const keys = Object.keys(entry);
  return keys.length ? `an object with keys ${keys.join(', ')}` : 'an empty object';
}

function classScope(cls: Type): Scope {
  return getInjectableOptions(cls)?.scope ?? Scope.SINGLETON;
}

/**
 * Turns a `providers` entry into a record, applying an override for its token when one is
 * given. Returns `undefined` when the entry has no valid shape.
 */
export function createProviderRecord(
  entry: Provider,
  module: ModuleRecord,
  overrides: ReadonlyMap<unknown, ProviderOverride> | undefined,
): ProviderRecord | undefined {
  let token: Token;
  let def: Record<string, unknown>;
  let multi = false;
  if (isClass(entry)) {
    // The common case, kept short: most entries are classes with no override.
    if (!overrides?.has(entry)) {
      const record = new ProviderRecord(entry, 'class', classScope(entry), false, module);
      record.useClass = entry;
      return record;
    }
    token = entry;
    def = { useClass: entry };
  } else if (typeof entry === 'object' && entry !== null && 'provide' in entry) {
    token = entry.provide;
    def = entry as unknown as Record<string, unknown>;
    multi = entry.multi === true;
  } else {
    return undefined;
  }
  const override = overrides?.get(token);
  if (override) def = { ...(override as Record<string, unknown>), scope: def.scope };

  const kinds = ['useClass', 'useValue', 'useFactory', 'useExisting'].filter((k) => k in def);
  if (kinds.length !== 1) return undefined;
  const scopeOf = (cls?: Type): Scope =>
    (def.scope as Scope | undefined) ?? (cls ? classScope(cls) : Scope.SINGLETON);
  let record: ProviderRecord;
  switch (kinds[0]) {
    case 'useClass': {
      if (!isClass(def.useClass)) return undefined;
      record = new ProviderRecord(token, 'class', scopeOf(def.useClass), multi, module);
      record.useClass = def.useClass;
      break;
    }
    case 'useValue':
      record = new ProviderRecord(token, 'value', Scope.SINGLETON, multi, module);
      record.useValue = def.useValue;
      break;
    case 'useFactory':
      if (typeof def.useFactory !== 'function') return undefined;
      record = new ProviderRecord(token, 'factory', scopeOf(), multi, module);
      record.useFactory = def.useFactory as (...args: unknown[]) => unknown;
      record.inject = (def.inject as unknown[] | undefined) ?? [];
      break;
    default:
      record = new ProviderRecord(token, 'existing', Scope.SINGLETON, multi, module);
      record.useExisting = def.useExisting;
  }
  return record;
}
