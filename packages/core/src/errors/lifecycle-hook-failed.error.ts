import { TenonError } from './tenon.error';
import { CoreErrorCode } from './errors';

/** A lifecycle hook threw. The original error is the `cause`. */
export class LifecycleHookFailedError extends TenonError {
  constructor(hook: string, providerName: string, moduleName: string, cause: unknown) {
    const reason = cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause);
    super(
      CoreErrorCode.LIFECYCLE_HOOK_FAILED,
      `${providerName}.${hook}() in ${moduleName} failed: ${reason}\n  Fix: see error.cause; hooks must settle without throwing.`,
      { cause },
    );
  }
}
