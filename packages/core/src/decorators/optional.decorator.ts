import { OPTIONAL_PARAMS } from '../metadata/metadata-keys';
import { getClassMetadata } from '../metadata/class-metadata';

const NO_MARKS: ReadonlySet<number | string | symbol> = new Set();

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
export function getOptionalMarks(target: Function): ReadonlySet<number | string | symbol> {
  return getClassMetadata<Set<number | string | symbol>>(OPTIONAL_PARAMS, target) ?? NO_MARKS;
}
