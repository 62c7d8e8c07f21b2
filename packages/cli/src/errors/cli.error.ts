import 'reflect-metadata';
import { TenonError } from '@tenon/core';
import type { CliErrorCode } from './errors';

/**
 * An error the `tenon` command reports as `CODE: message` with exit code 1. The message says
 * what happened, the cause and the fix.
 *
 * @example
 * throw new CliError(CliErrorCode.FILE_EXISTS, 'src/cats/cat.service.ts exists already: ...');
 */
export class CliError extends TenonError {
  constructor(code: CliErrorCode, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
  }
}
