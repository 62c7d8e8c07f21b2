import { TenonError } from './tenon.error';
import { CoreErrorCode } from './errors';
import { formatDependencyMessage } from './dependency-message';
import { tokenName } from '../metadata/token';
import type { Dependency, ProviderRecord } from '../injector/provider-record';
import type { ModuleRecord } from '../injector/module-record';

/** A module that the consumer can see provides the token but keeps it private. */
export class DependencyNotExportedError extends TenonError {
  constructor(consumer: ProviderRecord, dep: Dependency, provider: ModuleRecord, imported: boolean) {
    const t = tokenName(dep.token);
    const m = consumer.module.name;
    const cause = imported
      ? `${provider.name} provides ${t} but does not export it.`
      : `${provider.name} provides ${t} but neither exports it nor is imported by ${m}.`;
    const fix = imported
      ? `add ${t} to ${provider.name}.exports.`
      : `add ${t} to ${provider.name}.exports and ${provider.name} to ${m}.imports.`;
    super(CoreErrorCode.DEPENDENCY_NOT_EXPORTED, formatDependencyMessage(consumer, dep, cause, fix));
  }
}
