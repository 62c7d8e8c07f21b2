import { TenonError } from './tenon.error';
import { CoreErrorCode } from './errors';

/** A provider's constructor threw. The original error is the `cause`. */
export class ConstructorFailedError extends TenonError {
  constructor(providerName: string, moduleName: string, path: string[], cause: unknown) {
    const reason = cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause);
    super(
      CoreErrorCode.CONSTRUCTOR_FAILED,
      [
        `The constructor of ${providerName} in ${moduleName} threw: ${reason}`,
        `  Path: ${path.join(' -> ')}`,
        `  Fix: see the cause below (error.cause); keep constructors to assignments and do I/O in onModuleInit().`,
      ].join('\n'),
      { cause },
    );
  }
}
