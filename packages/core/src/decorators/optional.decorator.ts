import { OPTIONAL_PARAMS } from '../metadata/metadata-keys';

/**
 * Lets a dependency be missing: the parameter or property receives `undefined`.
 *
 * @example
 * constructor(@Optional() private readonly tracer?: Tracer) {}
 */
export function Optional(): ParameterDecorator & PropertyDecorator {
  return (target: object, key: string | symbol | undefined, index?: number) => {
    const owner = typeof index === 'number' ? target : target.constructor;
    const marks = new Set<number | string | symbol>(
      (Reflect.getOwnMetadata(OPTIONAL_PARAMS, owner) as Set<number | string | symbol> | undefined) ?? [],
    );
    marks.add(typeof index === 'number' ? index : (key as string | symbol));
    Reflect.defineMetadata(OPTIONAL_PARAMS, marks, owner);
  };
}

/** Parameter indexes and property keys marked `@Optional()`, on the class and its ancestors. */
export function getOptionalMarks(target: Function): Set<number | string | symbol> {
  return (
    (Reflect.getMetadata(OPTIONAL_PARAMS, target) as Set<number | string | symbol> | undefined) ?? new Set()
  );
}
