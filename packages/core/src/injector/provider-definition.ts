import type { Token } from '../metadata/token';
import type { FactoryDependency, Provider } from '../module/provider';
import type { ProviderRecord } from './provider-record';

/**
 * The provider object a record was made from (after overrides), for extensions that take
 * providers out of a module and register them under another token (`ScannedGraph.takeProviders`).
 */
export function definitionOf(record: ProviderRecord): Provider {
  const base = { provide: record.token, ...(record.multi ? { multi: true } : {}) };
  switch (record.kind) {
    case 'class':
      return { ...base, useClass: record.useClass!, scope: record.scope };
    case 'value':
      return { ...base, useValue: record.useValue };
    case 'factory':
      return {
        ...base,
        useFactory: record.useFactory as (...args: never[]) => unknown,
        inject: (record.inject ?? []) as FactoryDependency[],
        scope: record.scope,
      };
    default:
      return { ...base, useExisting: record.useExisting as Token };
  }
}
