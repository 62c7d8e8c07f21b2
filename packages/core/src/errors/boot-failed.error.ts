import { TenonError } from './tenon.error';
import { CoreErrorCode } from './errors';

/** Several problems found while linking: all of them at once, each with its own code. */
export class BootFailedError extends TenonError {
  constructor(readonly errors: TenonError[]) {
    super(
      CoreErrorCode.BOOT_FAILED,
      [
        `The application cannot start: ${errors.length} problems were found before any constructor ran.`,
        ...errors.map((e, i) => `\n${i + 1}. [${e.code}] ${e.message}`),
      ].join('\n'),
    );
  }
}
