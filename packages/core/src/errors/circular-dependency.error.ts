import { TenonError } from './tenon.error';
import { CoreErrorCode } from './errors';

/** Constructors that need each other: no order can build them. */
export class CircularDependencyError extends TenonError {
  constructor(
    readonly cycle: string[],
    moduleName: string,
  ) {
    super(
      CoreErrorCode.CIRCULAR_DEPENDENCY,
      [
        `Circular dependency between providers: ${cycle.join(' -> ')}.`,
        `  Where: ${moduleName}`,
        `  Cause: each constructor needs an instance the other builds, so neither can go first.`,
        `  Fix: move what both need into a third provider; or, if one side only uses the other after construction, inject it with @Inject(forwardRef(() => ${cycle[1] ?? cycle[0]})) or as an @Inject() property.`,
      ].join('\n'),
    );
  }
}
