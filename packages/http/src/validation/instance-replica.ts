import { transformerMetadata } from './class-libraries';

/** Builds what `plainToInstance` builds from a JSON body, or `undefined` where it does not know. */
export type Replicate = (plain: Record<string, unknown>) => object | undefined;

interface TypeMetadata {
  typeFunction?: (options: { newObject: unknown; object: unknown; property: string }) => unknown;
  reflectedType?: unknown;
  options?: { discriminator?: unknown };
}

interface ClassPlan {
  Ctor: new () => Record<string, unknown>;
  /** `@Type()` classes of the class's properties, by property. */
  nested: Map<string, ClassPlan>;
  /** Properties with `@Type()` metadata the replica does not reproduce. */
  foreignTypes: Set<string>;
  /** Names class-transformer skips: the prototype's own getters and methods. */
  skipped: Set<string>;
}

// Thrown (and caught in replicaInstantiator) when the input needs something only
// class-transformer itself answers for; an exception keeps the common path free of checks.
const UNKNOWN = Symbol('tenon.replicaUnknown');

const NOT_CLASSES = new Set<unknown>([
  String,
  Number,
  Boolean,
  Date,
  Buffer,
  Object,
  Array,
  Map,
  Set,
  Promise,
  Symbol,
  BigInt,
]);

const OBJECT_SKIPPED = new Set(Object.getOwnPropertyNames(Object.prototype));

function typeMetadatas(target: Function): Map<string, TypeMetadata> {
  const storage = transformerMetadata() as unknown as {
    _typeMetadatas: Map<Function, Map<string, TypeMetadata>>;
  };
  const all = new Map<string, TypeMetadata>();
  const chain: Function[] = [];
  for (
    let t: Function | null = target;
    t && t !== Object && t !== Function.prototype;
    t = Object.getPrototypeOf(t) as Function | null
  )
    chain.unshift(t);
  for (const t of chain) for (const [k, v] of storage._typeMetadatas?.get(t) ?? []) all.set(k, v);
  return all;
}

function planOf(target: Function, plans: Map<Function, ClassPlan>): ClassPlan {
  const known = plans.get(target);
  if (known) return known;
  const plan: ClassPlan = {
    Ctor: target as new () => Record<string, unknown>,
    nested: new Map(),
    foreignTypes: new Set(),
    skipped: new Set(),
  };
  plans.set(target, plan);
  const proto = target.prototype as object;
  for (const name of Object.getOwnPropertyNames(proto)) {
    const d = Object.getOwnPropertyDescriptor(proto, name);
    if (d && !d.set) plan.skipped.add(name);
  }
  for (const [property, meta] of typeMetadatas(target)) {
    const type = resolve(meta, property);
    const declared = meta.reflectedType;
    const plain =
      meta.options?.discriminator === undefined &&
      // A type chosen per value (`@Type((o) => ...)`) is not one class.
      (meta.typeFunction?.length ?? 0) === 0 &&
      // class-transformer builds an array property's value with `new` of the declared type.
      (declared === undefined ||
        declared === Array ||
        declared === Object ||
        (typeof declared === 'function' &&
          declared !== Set &&
          declared !== Map &&
          !('push' in (declared.prototype as object)))) &&
      typeof type === 'function' &&
      type.prototype !== undefined &&
      !NOT_CLASSES.has(type);
    if (!plain) {
      plan.foreignTypes.add(property);
      continue;
    }
    plan.nested.set(property, planOf(type as Function, plans));
  }
  return plan;
}

function resolve(meta: TypeMetadata, property: string): unknown {
  try {
    return meta.typeFunction
      ? meta.typeFunction({ newObject: undefined, object: {}, property })
      : meta.reflectedType;
  } catch {
    return undefined;
  }
}

function instantiate(plan: ClassPlan, plain: Record<string, unknown>): Record<string, unknown> {
  const instance = new plan.Ctor();
  for (const key of Object.keys(plain)) {
    // What class-transformer skips here, settleTransformedInput answers for: left to them.
    if (
      key === '__proto__' ||
      key === 'constructor' ||
      plan.foreignTypes.has(key) ||
      plan.skipped.has(key) ||
      instance[key] instanceof Function
    )
      throw UNKNOWN;
    const child = plan.nested.get(key);
    instance[key] = child === undefined ? copy(plain[key]) : toClass(child, plain[key]);
  }
  return instance;
}

// A value under a `@Type()` property: objects (in arrays at any depth) become the class.
function toClass(plan: ClassPlan, value: unknown): unknown {
  if (Array.isArray(value)) return value.map((v) => toClass(plan, v));
  if (typeof value !== 'object' || value === null) return value;
  return instantiate(plan, value as Record<string, unknown>);
}

// A value without a `@Type()`: class-transformer copies objects and arrays, dropping the keys
// `__proto__`, `constructor` and the names of Object.prototype's members.
function copy(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(copy);
  if (typeof value !== 'object' || value === null) return value;
  const source = value as Record<string, unknown>;
  // An own `constructor` makes class-transformer construct that value: left to it.
  if (source.constructor !== Object) throw UNKNOWN;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(source)) {
    if (key === '__proto__' || key === 'constructor' || OBJECT_SKIPPED.has(key)) continue;
    out[key] = copy(source[key]);
  }
  return out;
}

/**
 * The instance class-transformer's `plainToInstance(target, body)` (implicit conversion off)
 * builds from a JSON body, for DTO classes without `@Transform`/`@Expose`/`@Exclude` (the
 * DTOs of the compiled validation path): constructed with `new` (initializers run), the body's
 * keys copied in its order, `@Type()` classes built at any depth, plain objects copied.
 * Answers `undefined` for bodies holding what class-transformer skips and Tenon settles
 * afterwards (`__proto__`, `constructor`, method names) and for classes it does not model
 * (discriminators, `Set`/`Map` properties, converting types); the caller then uses
 * class-transformer itself.
 */
export function replicaInstantiator(target: Function): Replicate {
  const plan = planOf(target, new Map());
  return (plain) => {
    try {
      return instantiate(plan, plain);
    } catch (error) {
      if (error === UNKNOWN) return undefined;
      throw error;
    }
  };
}
