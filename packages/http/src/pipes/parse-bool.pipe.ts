import type { ArgumentMetadata, PipeTransform } from '../metadata/enhancer-types';
import { parseFailure, type ParsePipeOptions } from './parse-error';

/**
 * Accepts `true`/`false` (strings or booleans) and returns a boolean.
 *
 * @example
 * @Get() list(@Query('done', new ParseBoolPipe({ optional: true })) done?: boolean) {}
 */
export class ParseBoolPipe implements PipeTransform<unknown, boolean | undefined | null> {
  constructor(private readonly options: ParsePipeOptions = {}) {}

  transform(value: unknown, metadata: ArgumentMetadata): boolean | undefined | null {
    if ((value === undefined || value === null) && this.options.optional) return value;
    if (value === true || value === 'true') return true;
    if (value === false || value === 'false') return false;
    throw parseFailure(
      metadata,
      'isBoolean',
      'true or false',
      this.options.errorHttpStatusCode,
      'boolean string is expected',
    );
  }
}
