import { classTransformer, transformerMetadata } from '../validation/class-libraries';

const cache = new WeakMap<Function, boolean>();

// Read once per class, then cached: no reflection per request after the first response.
function shapes(ctor: Function): boolean {
  let known = cache.get(ctor);
  if (known === undefined) {
    const storage = transformerMetadata() as unknown as {
      _exposeMetadatas: Map<Function, Map<string, unknown>>;
      _excludeMetadatas: Map<Function, Map<string, unknown>>;
      _transformMetadatas: Map<Function, Map<string, unknown>>;
    };
    known = false;
    for (let t: Function | null = ctor; t && t !== Object; t = Object.getPrototypeOf(t) as Function | null) {
      if (
        storage._exposeMetadatas.get(t)?.size ||
        storage._excludeMetadatas.get(t)?.size ||
        storage._transformMetadatas.get(t)?.size
      ) {
        known = true;
        break;
      }
    }
    cache.set(ctor, known);
  }
  return known;
}

/**
 * Applies `@Exclude`/`@Expose`/`@Transform` of a class-transformer-decorated response (or an
 * array of them) before it is sent; other values pass through untouched.
 */
export function serializeResult(result: unknown, groups: string[] | undefined): unknown {
  if (typeof result !== 'object' || result === null) return result;
  const sample = Array.isArray(result) ? result[0] : result;
  if (typeof sample !== 'object' || sample === null) return result;
  const ctor = (sample as object).constructor;
  if (ctor === Object || typeof ctor !== 'function' || !shapes(ctor)) return result;
  return classTransformer().instanceToPlain(result, groups ? { groups } : {});
}
