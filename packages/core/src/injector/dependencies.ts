import { getInjectedParams, getInjectedProperties } from '../decorators/inject.decorator';
import { getOptionalMarks } from '../decorators/optional.decorator';
import { isForwardReference } from '../metadata/forward-ref';
import { PARAM_TYPES } from '../metadata/metadata-keys';
import { getClassMetadata } from '../metadata/class-metadata';
import type { Token } from '../metadata/token';
import { MissingDesignMetadataError } from '../errors/missing-design-metadata.error';
import type { Dependency, ProviderRecord } from './provider-record';

function toDependency(
  raw: unknown,
  position: Dependency['position'],
  optional: boolean,
  designType: unknown = undefined,
): Dependency {
  const forward = isForwardReference(raw);
  const token = (forward ? raw.forwardRef() : raw) as Token | undefined;
  // All fields present from the start: one object shape for every dependency (see Binding).
  return { position, token, optional, forward, designType, binding: undefined };
}

/**
 * Reads what a provider needs: constructor parameters from `design:paramtypes` and `@Inject`,
 * factory arguments from `inject`, the alias target of `useExisting`, and `@Inject()`
 * properties. Throws when a class's parameter types were never recorded.
 */
export function readDependencies(record: ProviderRecord): void {
  if (record.kind === 'value') return;
  if (record.kind === 'existing') {
    record.ctorDeps = [toDependency(record.useExisting, 0, false)];
    return;
  }
  if (record.kind === 'factory') {
    record.ctorDeps = (record.inject ?? []).map((entry, index) => {
      if (typeof entry === 'object' && entry !== null && 'token' in entry && 'optional' in entry) {
        const { token, optional } = entry as { token: unknown; optional: boolean };
        return toDependency(token, index, optional === true);
      }
      return toDependency(entry, index, false);
    });
    return;
  }
  const cls = record.useClass!;
  const paramTypes = getClassMetadata<unknown[]>(PARAM_TYPES, cls);
  const injected = getInjectedParams(cls);
  const optional = getOptionalMarks(cls);
  const count = paramTypes?.length ?? cls.length;
  if (!paramTypes && count > 0) {
    for (let i = 0; i < count; i++) {
      if (!injected.has(i)) {
        throw new MissingDesignMetadataError(cls.name || '<anonymous class>', count, record.module.name, [
          ...record.module.path(),
          cls.name,
        ]);
      }
    }
  }
  const deps: Dependency[] = [];
  for (let i = 0; i < count; i++) {
    deps.push(toDependency(injected.get(i) ?? paramTypes?.[i], i, optional.has(i), paramTypes?.[i]));
  }
  record.ctorDeps = deps;
  record.propDeps = getInjectedProperties(cls).map((p) => toDependency(p.token, p.key, optional.has(p.key)));
}
