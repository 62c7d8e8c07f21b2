import { TenonError } from '@tenon/core';
import { TestingErrorCode } from './errors';

/** `TestDatabase` was used before `start()` finished, or after `stop()`. */
export class DatabaseNotStartedError extends TenonError {
  constructor(operation: string, stopped: boolean) {
    super(
      TestingErrorCode.DATABASE_NOT_STARTED,
      `Cannot ${operation}: the TestDatabase is ${stopped ? 'stopped' : 'not started yet'}.\n` +
        '  Fix: create it with TestDatabase.setup({ entities }) at the top of the test file (it starts in beforeAll and stops in afterAll), and use it from beforeAll/beforeEach/tests only.',
    );
  }
}

/** `begin()` while the previous test's transaction is still open. */
export class TestTransactionOpenError extends TenonError {
  constructor() {
    super(
      TestingErrorCode.TEST_TRANSACTION_OPEN,
      'Cannot begin a test transaction: the previous one is still open (rollback() was not called after the last test).\n' +
        '  Fix: let TestDatabase.setup() register the hooks, or pair every begin() in beforeEach with rollback() in afterEach.',
    );
  }
}

/** A test ended while application transactions it started were still running. */
export class TransactionLeftOpenError extends TenonError {
  constructor(count: number) {
    super(
      TestingErrorCode.TRANSACTION_LEFT_OPEN,
      `The test ended with ${count} application transaction${count === 1 ? '' : 's'} still open; everything was rolled back.\n` +
        '  This usually means a call that runs in a transaction (a @Transactional() method, TransactionManager.run) was not awaited.\n' +
        '  Fix: await it (and return its promise from helpers) so the test ends after the transaction does.',
    );
  }
}

/** `TestDatabase.setup()` called where there are no jest (or jest-like) lifecycle hooks. */
export class NoTestRunnerError extends TenonError {
  constructor(missing: string) {
    super(
      TestingErrorCode.NO_TEST_RUNNER,
      `TestDatabase.setup() needs the test runner's ${missing}(), which is not defined here.\n` +
        '  Fix: call it at the top level of a jest test file (or a describe block), or use TestDatabase.create() and call start(), begin(), rollback() and stop() yourself.',
    );
  }
}
