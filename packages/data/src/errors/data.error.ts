import { TenonError } from '@tenon/core';
import type { DataErrorCode } from './errors';

/**
 * Every error `@tenon/data` throws (except {@link OptimisticLockError}, which has its own class
 * so callers can catch it by type). `code` is one of `DataErrorCode`.
 *
 * @example
 * try { await repo.findBy({ title: undefined }); }
 * catch (e) { if (e instanceof DataError && e.code === DataErrorCode.UNDEFINED_CRITERIA) ... }
 */
export class DataError extends TenonError {
  declare readonly code: DataErrorCode;

  constructor(code: DataErrorCode, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
  }
}
