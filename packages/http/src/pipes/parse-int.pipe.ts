import type { ArgumentMetadata, PipeTransform } from '../metadata/enhancer-types';
import { parseFailure, type ParsePipeOptions } from './parse-error';

const INTEGER = /^[-+]?\d+$/;

/**
 * Turns a decimal integer string into a number; anything else (`12.5`, `abc`, `''`, beyond
 * `Number.MAX_SAFE_INTEGER`) is a 400.
 *
 * @example
 * @Get(':id') get(@Param('id', ParseIntPipe) id: number) {}
 */
export class ParseIntPipe implements PipeTransform<unknown, number | undefined | null> {
  constructor(private readonly options: ParsePipeOptions = {}) {}

  transform(value: unknown, metadata: ArgumentMetadata): number | undefined | null {
    if ((value === undefined || value === null) && this.options.optional) return value;
    if (typeof value === 'number' && Number.isSafeInteger(value)) return value;
    if (typeof value === 'string' && INTEGER.test(value)) {
      const n = Number(value);
      if (Number.isSafeInteger(n)) return n;
    }
    throw parseFailure(
      metadata,
      'isInt',
      'an integer',
      this.options.errorHttpStatusCode,
      'numeric string is expected',
    );
  }
}
