import { TenonError } from './tenon.error';
import { CoreErrorCode } from './errors';

/** `get()` was asked for a transient or request-scoped provider. */
export class WrongScopeLookupError extends TenonError {
  constructor(token: string, scope: string) {
    super(
      CoreErrorCode.WRONG_SCOPE_LOOKUP,
      [
        `${token} is ${scope}-scoped, so there is no single instance for get() to return.`,
        `  Fix: use await context.resolve(${token}), which builds a new instance (transient) or returns the current request's instance (request).`,
      ].join('\n'),
    );
  }
}
