import { TenonError } from './tenon.error';
import { CoreErrorCode } from './errors';

/** A request-scoped provider was used where no request is being handled. */
export class OutsideRequestScopeError extends TenonError {
  constructor(providerName: string, moduleName: string) {
    super(
      CoreErrorCode.OUTSIDE_REQUEST_SCOPE,
      [
        `${providerName} (in ${moduleName}) is request-scoped and was used outside any request.`,
        `  Cause: singletons receive a proxy that finds the current request's instance; there is no current request here (boot, a timer, a lifecycle hook, or a callback that lost its async context).`,
        `  Fix: use it only while handling a request, or wrap jobs and message handlers in context.runInRequestScope(() => ...).`,
      ].join('\n'),
    );
  }
}
