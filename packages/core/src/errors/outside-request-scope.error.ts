import { TenonError } from './tenon.error';
import { CoreErrorCode } from './errors';

/** A request-scoped provider was used where no request is being handled. */
export class OutsideRequestScopeError extends TenonError {
  /** The request-scoped provider that was used, and its module (the HTTP layer names them). */
  readonly provider: string;
  readonly module: string;

  constructor(providerName: string, moduleName: string) {
    super(
      CoreErrorCode.OUTSIDE_REQUEST_SCOPE,
      [
        `${providerName} (in ${moduleName}) is request-scoped and was used outside any request.`,
        `  Cause: singletons receive a proxy that finds the current request's instance; there is no current request here (boot, a timer, a lifecycle hook, a callback that lost its async context, or an HTTP route or message handler served without a request scope because nothing it injects is request-scoped).`,
        `  Fix: use it only while handling a request, or wrap jobs and message handlers in context.runInRequestScope(() => ...); for routes and message handlers, pass requestScope: 'always' to the HTTP application or the messaging module.`,
      ].join('\n'),
    );
    this.provider = providerName;
    this.module = moduleName;
  }
}
