import { TenonError } from '../errors/tenon.error';
import { CoreErrorCode } from '../errors/errors';

/**
 * An env file has lines that are neither `NAME=value`, a `#` comment nor blank. Such a line is
 * usually a variable whose `=` was lost, so Tenon refuses to guess instead of dropping it.
 */
export class ConfigFileMalformedError extends TenonError {
  constructor(
    readonly path: string,
    /** 1-based numbers of the malformed lines. */
    readonly lines: readonly number[],
  ) {
    // Line numbers only: a malformed line may well hold a secret.
    const where = lines.length === 1 ? `line ${lines[0]}` : `lines ${lines.join(', ')}`;
    super(
      CoreErrorCode.CONFIG_FILE_MALFORMED,
      `The env file ${path} is malformed at ${where}: each line must be NAME=value ` +
        '(optionally prefixed by `export `), a comment starting with #, or blank. ' +
        'Fix: add the missing `=` or comment the line out.',
    );
  }
}
