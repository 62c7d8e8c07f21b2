import { TenonError } from './tenon.error';
import { CoreErrorCode } from './errors';

/** A lifecycle hook did not settle in time. */
export class LifecycleHookTimeoutError extends TenonError {
  constructor(hook: string, providerName: string, moduleName: string, ms: number) {
    super(
      CoreErrorCode.LIFECYCLE_HOOK_TIMEOUT,
      `${providerName}.${hook}() in ${moduleName} did not finish within ${ms} ms.\n  Fix: make the hook finish sooner (close connections with a timeout), or raise the limit with the hookTimeout option.`,
    );
  }
}
