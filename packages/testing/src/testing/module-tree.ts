import { tokenName, type DynamicModule } from '@tenon/core';

// Stopgap: core keeps `getModuleMetadata()` internal, so the testing module reads the same
// Reflect key that `@Module()` writes. Only `imports` is read, to know which modules exist
// before boot; core itself scans and validates everything else. See
// /tmp/testing-needs-from-core.md for the public hook that would replace this.
const MODULE_METADATA = 'tenon:module';

interface ImportsOnly {
  imports?: unknown[];
}

function isDynamicModule(value: unknown): value is DynamicModule {
  return typeof value === 'object' && value !== null && typeof (value as DynamicModule).module === 'function';
}

function unwrapForwardRef(value: unknown): unknown {
  if (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { forwardRef?: unknown }).forwardRef === 'function'
  ) {
    try {
      return (value as { forwardRef: () => unknown }).forwardRef();
    } catch {
      return undefined;
    }
  }
  return value;
}

/** The module class of an import: the class itself, or a dynamic module's `module`. */
export function moduleClassOf(ref: unknown): Function | undefined {
  const target = isDynamicModule(ref) ? ref.module : ref;
  return typeof target === 'function' && Reflect.getOwnMetadata(MODULE_METADATA, target) !== undefined
    ? target
    : undefined;
}

/** The result of applying module overrides to the tree reachable from a root. */
export interface ModuleOverridePlan {
  /** What core receives: every matching import reference mapped to its replacement. */
  readonly map: Map<object, object>;
  /** Override keys that matched nothing in the tree. */
  readonly unmatched: object[];
  /** Names of the modules imported in the final tree, for "nearest" suggestions. */
  readonly moduleNames: string[];
}

/**
 * Walks the imports from `root` and matches each import against the requested module
 * overrides: by reference first, then — for a class key — any dynamic module built from that
 * class, so `overrideModule(DataModule)` also replaces `DataModule.forRootAsync(...)`. The
 * walk follows the replacement, not the original, so the original's imports disappear.
 */
export function planModuleOverrides(
  root: object,
  requested: ReadonlyMap<object, object>,
): ModuleOverridePlan {
  const map = new Map<object, object>();
  const used = new Set<object>();
  const seen = new Set<object>();
  const names: string[] = [];
  const queue: unknown[] = [root];
  for (let i = 0; i < queue.length; i++) {
    let ref = unwrapForwardRef(queue[i]);
    if (ref === undefined || ref === null || (typeof ref !== 'object' && typeof ref !== 'function')) continue;
    if (i > 0) {
      const key = requested.has(ref)
        ? ref
        : isDynamicModule(ref) && requested.has(ref.module)
          ? ref.module
          : undefined;
      if (key !== undefined) {
        used.add(key);
        const replacement = requested.get(key)!;
        map.set(ref, replacement);
        ref = replacement;
      }
    }
    if (seen.has(ref as object)) continue;
    seen.add(ref as object);
    const metatype = moduleClassOf(ref);
    if (!metatype) continue; // core reports invalid imports with their path
    names.push(metatype.name || tokenName(ref));
    const own = Reflect.getOwnMetadata(MODULE_METADATA, metatype) as ImportsOnly | undefined;
    queue.push(...(own?.imports ?? []), ...((isDynamicModule(ref) ? ref.imports : undefined) ?? []));
  }
  // A class key also replaces `exports: [ThatModule]` entries, which core maps with the same table.
  for (const [key, replacement] of requested) if (used.has(key) && !map.has(key)) map.set(key, replacement);
  const unmatched = [...requested.keys()].filter((key) => !used.has(key));
  return { map, unmatched, moduleNames: [...new Set(names)] };
}
