import { tokenName } from '../metadata/token';
import type { Dependency, ProviderRecord } from '../injector/provider-record';

/** "parameter #1 of OrdersService (type PaymentsClient)" and the like. */
export function describeDependency(consumer: ProviderRecord, dep: Dependency): string {
  const owner = consumer.isModule ? `module class ${consumer.name}` : consumer.name;
  if (typeof dep.position !== 'number') return `property '${String(dep.position)}' of ${owner}`;
  if (consumer.kind === 'factory') return `argument #${dep.position} of the factory of ${owner}`;
  if (consumer.kind === 'existing') return `the alias target of ${owner}`;
  const type = 'designType' in dep ? ` (type ${tokenName(dep.designType)})` : '';
  return `parameter #${dep.position} of ${owner}${type}`;
}

/** "AppModule -> OrdersModule -> OrdersService -> PaymentsClient" */
export function dependencyPath(consumer: ProviderRecord, dep: Dependency): string {
  return [...consumer.module.path(), consumer.name, tokenName(dep.token)].join(' -> ');
}

export function formatDependencyMessage(
  consumer: ProviderRecord,
  dep: Dependency,
  cause: string,
  fix: string,
): string {
  return [
    `Cannot resolve ${tokenName(dep.token)}, ${describeDependency(consumer, dep)}, in ${consumer.module.name}.`,
    `  Path: ${dependencyPath(consumer, dep)}`,
    `  Cause: ${cause}`,
    `  Fix: ${fix}`,
  ].join('\n');
}
