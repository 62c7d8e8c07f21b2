import { TenonError } from './tenon.error';
import { CoreErrorCode } from './errors';
import { formatDependencyMessage } from './dependency-message';
import { tokenName } from '../metadata/token';
import type { Dependency, ProviderRecord } from '../injector/provider-record';
import type { ModuleRecord } from '../injector/module-record';

const BUILT_IN_TYPES = new Set<unknown>([Object, Function, String, Number, Boolean, Array, Promise, Symbol]);

/** No module visible from the consumer's module provides the token. */
export class UnknownDependencyError extends TenonError {
  constructor(consumer: ProviderRecord, dep: Dependency, providedElsewhere: ModuleRecord[]) {
    super(
      CoreErrorCode.UNKNOWN_DEPENDENCY,
      UnknownDependencyError.describe(consumer, dep, providedElsewhere),
    );
  }

  private static describe(consumer: ProviderRecord, dep: Dependency, elsewhere: ModuleRecord[]): string {
    const m = consumer.module.name;
    const t = tokenName(dep.token);
    if (dep.token === undefined) {
      return formatDependencyMessage(
        consumer,
        dep,
        'the type of this parameter was undefined when the decorators ran. This is the usual symptom of a circular import between files: one class is used before its file finished loading.',
        `use @Inject(forwardRef(() => TheClass)) on this parameter, or move the shared code so the two files no longer import each other.`,
      );
    }
    if (BUILT_IN_TYPES.has(dep.token)) {
      return formatDependencyMessage(
        consumer,
        dep,
        `the parameter's type is ${t}, which is what TypeScript records for interfaces, union types, primitives and type aliases: there is no class to look up.`,
        `give the parameter an explicit token, e.g. @Inject(MY_TOKEN) with { provide: MY_TOKEN, useValue: ... } in ${m}.providers, or mark it @Optional().`,
      );
    }
    const exporter = elsewhere[0];
    if (exporter) {
      return formatDependencyMessage(
        consumer,
        dep,
        `${exporter.name} provides and exports ${t}, but ${m} does not import ${exporter.name}.`,
        `add ${exporter.name} to ${m}.imports.`,
      );
    }
    return formatDependencyMessage(
      consumer,
      dep,
      `no module visible from ${m} provides ${t}.`,
      `add ${t} to ${m}.providers, or import the module that provides and exports it, or mark the dependency @Optional().`,
    );
  }
}
