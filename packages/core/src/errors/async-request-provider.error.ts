import { TenonError } from './tenon.error';
import { CoreErrorCode } from './errors';

/** A request-scoped provider reached through a proxy returned a promise. */
export class AsyncRequestProviderError extends TenonError {
  constructor(providerName: string, moduleName: string) {
    super(
      CoreErrorCode.ASYNC_REQUEST_PROVIDER,
      [
        `${providerName} (in ${moduleName}) is request-scoped and its factory returned a promise, but it was reached through a property access, which cannot wait.`,
        `  Fix: make the factory synchronous and do async work in a method, or obtain it with await context.resolve(${providerName}).`,
      ].join('\n'),
    );
  }
}
