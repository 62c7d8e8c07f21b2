import { types } from 'node:util';
import { TenonError } from '../errors/tenon.error';
import { CoreErrorCode } from '../errors/errors';

/**
 * An env file exists but could not be read (it is a directory, or the process lacks permission).
 * A missing file is not an error: env files are optional.
 */
export class ConfigFileUnreadableError extends TenonError {
  constructor(
    readonly path: string,
    cause: unknown,
  ) {
    // isNativeError also recognises errors from another realm (fs errors under jest's vm).
    const reason = cause instanceof Error || types.isNativeError(cause) ? cause.message : String(cause);
    super(
      CoreErrorCode.CONFIG_FILE_UNREADABLE,
      `The env file ${path} exists but cannot be read: ${reason}. ` +
        'Fix: make it a readable file, remove it, or point ConfigModule.forRoot({ envFilePath }) elsewhere ' +
        '(or set ignoreEnvFile: true).',
      { cause },
    );
  }
}
