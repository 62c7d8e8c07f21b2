import { TenonError } from '@tenon/core';
import { TestingErrorCode } from './errors';

/** `createHttpApplication()` was called a second time on one testing module. */
export class HttpApplicationExistsError extends TenonError {
  constructor() {
    super(
      TestingErrorCode.HTTP_APPLICATION_EXISTS,
      'Cannot create a second HTTP application from this TestingModule: it already serves one, and two applications on the same providers would shut them down twice.\n' +
        '  Fix: keep the application the first createHttpApplication() returned, or compile a new testing module for another one.',
    );
  }
}
